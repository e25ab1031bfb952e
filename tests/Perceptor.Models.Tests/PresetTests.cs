using System.Text.Json;
using Perceptor.Tests;

namespace Perceptor.Models.Tests;

[Collection(TorchCollection.Name)]
public class PresetTests
{
    private static readonly JsonSerializerOptions StrictWebJson = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    [Fact]
    public void The_cmgan_preset_has_the_reference_parameter_counts()
    {
        using var generator = new CmganGenerator(ModelPresets.Cmgan.Generator);
        using var discriminator = new MetricDiscriminator(ModelPresets.Cmgan.Discriminator);

        Assert.Equal(1_834_833, TestConfigs.TrainableParameters(generator));
        Assert.Equal(181_650, TestConfigs.TrainableParameters(discriminator));
    }

    [Fact]
    public void The_cmgan_generator_parameters_split_by_module_as_the_reference()
    {
        using var generator = new CmganGenerator(ModelPresets.Cmgan.Generator);

        Assert.Equal(259_776, TestConfigs.TrainableParameters(generator, "dense_encoder."));
        for (int i = 1; i <= 4; i++)
        {
            Assert.Equal(257_824, TestConfigs.TrainableParameters(generator, $"TSCB_{i}."));
            Assert.Equal(128_912, TestConfigs.TrainableParameters(generator, $"TSCB_{i}.time_conformer."));
        }

        Assert.Equal(32_976, TestConfigs.TrainableParameters(generator, "TSCB_1.time_conformer.attn."));
        Assert.Equal(29_376, TestConfigs.TrainableParameters(generator, "TSCB_1.time_conformer.conv."));
        Assert.Equal(33_216, TestConfigs.TrainableParameters(generator, "TSCB_1.time_conformer.ff1."));
        Assert.Equal(246_784, TestConfigs.TrainableParameters(generator, "mask_decoder.dense_block."));
        Assert.Equal(271_823, TestConfigs.TrainableParameters(generator, "mask_decoder."));
        Assert.Equal(271_938, TestConfigs.TrainableParameters(generator, "complex_decoder."));
    }

    [Theory]
    [InlineData("cmgan")]
    [InlineData("SMALL")]
    [InlineData("Tiny")]
    public void Presets_are_found_by_name_ignoring_case(string name)
    {
        var preset = ModelPresets.Get(name);

        Assert.Equal(name.ToLowerInvariant(), preset.Name);
        Assert.Contains(preset, ModelPresets.All);
    }

    [Fact]
    public void An_unknown_preset_name_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelPresets.Get("huge"));

        Assert.Contains("huge", error.Message, StringComparison.Ordinal);
        Assert.Contains("cmgan, small, tiny", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Presets_grow_from_tiny_to_cmgan()
    {
        using var tiny = new CmganGenerator(ModelPresets.Tiny.Generator);
        using var small = new CmganGenerator(ModelPresets.Small.Generator);

        long tinyCount = TestConfigs.TrainableParameters(tiny);
        long smallCount = TestConfigs.TrainableParameters(small);
        Assert.InRange(tinyCount, 1, smallCount - 1);
        Assert.InRange(smallCount, tinyCount + 1, 1_834_832);
    }

    [Theory]
    [InlineData("cmgan")]
    [InlineData("small")]
    [InlineData("tiny")]
    public void The_json_preset_files_mirror_the_code_presets(string name)
    {
        string path = Path.Combine(TestData.RepositoryRoot, "configs", "model", name + ".json");
        var fromJson = JsonSerializer.Deserialize<ModelPreset>(File.ReadAllText(path), StrictWebJson);

        Assert.Equal(ModelPresets.Get(name), fromJson);
    }

    [Fact]
    public void Every_config_field_appears_in_the_json_presets()
    {
        string json = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "configs", "model", "cmgan.json"));
        using var document = JsonDocument.Parse(json);

        foreach (var property in typeof(GeneratorConfig).GetProperties())
        {
            Assert.True(document.RootElement.GetProperty("generator").TryGetProperty(JsonNamingPolicy.CamelCase.ConvertName(property.Name), out _), property.Name);
        }

        foreach (var property in typeof(DiscriminatorConfig).GetProperties())
        {
            Assert.True(document.RootElement.GetProperty("discriminator").TryGetProperty(JsonNamingPolicy.CamelCase.ConvertName(property.Name), out _), property.Name);
        }
    }

    [Fact]
    public void A_config_that_cannot_build_a_model_is_rejected_naming_the_field()
    {
        var evenBins = Assert.Throws<ArgumentException>(() => new CmganGenerator(new GeneratorConfig { FrequencyBins = 200 }));
        Assert.Contains("FrequencyBins", evenBins.Message, StringComparison.Ordinal);

        var noHeads = Assert.Throws<ArgumentException>(() => new CmganGenerator(new GeneratorConfig { AttentionHeads = 0 }));
        Assert.Contains("AttentionHeads", noHeads.Message, StringComparison.Ordinal);

        var badDropout = Assert.Throws<ArgumentException>(() => new MetricDiscriminator(new DiscriminatorConfig { Dropout = 1.5 }));
        Assert.Contains("Dropout", badDropout.Message, StringComparison.Ordinal);
    }
}
