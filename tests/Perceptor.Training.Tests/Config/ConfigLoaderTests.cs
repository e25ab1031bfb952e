using Perceptor.Training.Config;

namespace Perceptor.Training.Tests.Config;

public class ConfigLoaderTests
{
    [Fact]
    public void Defaults_are_the_reference_settings()
    {
        var c = ConfigLoader.Load();
        Assert.Equal((0.1, 0.9, 0.2, 0.05), (c.Loss.RiWeight, c.Loss.MagWeight, c.Loss.TimeWeight, c.Loss.GanWeight));
        Assert.Equal((5e-4, 1e-3, 0.9, 0.999, 1e-8, 0.01), (c.Optim.GenLr, c.Optim.DiscLr, c.Optim.Beta1, c.Optim.Beta2, c.Optim.Eps, c.Optim.WeightDecay));
        Assert.Equal((30, 0.5), (c.Optim.LrStepEpochs, c.Optim.LrGamma));
        Assert.Equal((4, 2.0, 120), (c.Train.BatchSize, c.Train.CropSeconds, c.Train.Epochs));
        Assert.Equal(32000, c.CropSamples);
        Assert.Equal("cmgan", c.Model.Preset);
        Assert.Equal(PesqFailurePolicy.Mask, c.Pesq.Failures);
        Assert.Equal(EvalMethod.FullUtterance, c.Eval.Method);
        Assert.Equal("cpu", c.Runtime.Device);
    }

    [Fact]
    public void Overrides_set_values_of_every_type()
    {
        var c = ConfigLoader.Load(overrides:
        [
            "train.epochs=3", "loss.ganWeight=0.3", "optim.discLr=5e-4", "pesq.failures=skip-batch", "eval.method=fixed-crops",
            "data.speechAwareCrops=true", "collapse.earlyStop=true", "train.seed=-5", "model.channels=16", "runtime.device=cuda:1",
        ]);
        Assert.Equal(3, c.Train.Epochs);
        Assert.Equal(0.3, c.Loss.GanWeight);
        Assert.Equal(5e-4, c.Optim.DiscLr);
        Assert.Equal(PesqFailurePolicy.SkipBatch, c.Pesq.Failures);
        Assert.Equal(EvalMethod.FixedCrops, c.Eval.Method);
        Assert.True(c.Data.SpeechAwareCrops);
        Assert.True(c.Collapse.EarlyStop);
        Assert.Equal(-5, c.Train.Seed);
        Assert.Equal(16, c.Model.Channels);
        Assert.Equal("cuda:1", c.Runtime.Device);
    }

    [Fact]
    public void A_later_layer_wins_over_an_earlier_one()
    {
        string dir = Fakes.TestRuns.TempDir();
        string file = Path.Combine(dir, "c.json");
        File.WriteAllText(file, """{ "train": { "epochs": 7, "batchSize": 2 }, "loss": { "ganWeight": 0.2 } }""");
        var c = ConfigLoader.Load("voicebank", file, ["train.epochs=9"]);
        Assert.Equal(9, c.Train.Epochs);
        Assert.Equal(2, c.Train.BatchSize);
        Assert.Equal(0.2, c.Loss.GanWeight);
        Assert.Equal(0.9, c.Loss.MagWeight);
    }

    [Fact]
    public void An_unknown_key_names_itself_and_the_known_keys()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(overrides: ["train.epoch=3"]));
        Assert.Contains("'train.epoch'", e.Message);
        Assert.Contains("train.epochs", e.Message);
        Assert.Contains("train.batchSize", e.Message);
        Assert.Contains("did you mean 'train.epochs'", e.Message);
    }

    [Fact]
    public void An_unknown_section_in_a_file_names_the_file_and_the_sections()
    {
        string file = Path.Combine(Fakes.TestRuns.TempDir(), "bad.json");
        File.WriteAllText(file, """{ "trian": { "epochs": 3 } }""");
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(configFile: file));
        Assert.Contains("trian", e.Message);
        Assert.Contains(file, e.Message);
        Assert.Contains("known sections", e.Message);
    }

    [Fact]
    public void An_unknown_key_in_a_file_is_an_error()
    {
        string file = Path.Combine(Fakes.TestRuns.TempDir(), "bad.json");
        File.WriteAllText(file, """{ "loss": { "ganweight": 0.3, "advWeight": 1 } }""");
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(configFile: file));
        Assert.Contains("loss.advWeight", e.Message);
    }

    [Theory]
    [InlineData("train.epochs=three", "expected integer")]
    [InlineData("pesq.failures=drop", "skip-batch|batch-mean|mask")]
    [InlineData("data.speechAwareCrops=maybe", "true|false")]
    [InlineData("train.batchSize=0", "train.batchSize = 0: must be at least 1")]
    [InlineData("loss.ganWeight=-1", "loss.ganWeight = -1")]
    [InlineData("optim.genLr=0", "optim.genLr = 0")]
    [InlineData("train.cropSeconds=0.1", "train.cropSeconds")]
    [InlineData("runtime.device=gpu", "cpu, cuda or cuda:N")]
    [InlineData("model.preset=huge", "unknown")]
    [InlineData("train.epochs", "expected key=value")]
    public void Bad_values_are_rejected_with_the_key_named(string setting, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(overrides: [setting]));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("optim.genLr=NaN")]
    [InlineData("optim.genLr=Infinity")]
    [InlineData("optim.discLr=-Infinity")]
    [InlineData("optim.genLr=1e999")]
    [InlineData("loss.ganWeight=nan")]
    public void Non_finite_numbers_name_the_key_and_the_rule(string setting)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(overrides: [setting]));
        Assert.Contains(setting.Split('=')[0], e.Message);
        Assert.Contains("must be a finite number", e.Message);
    }

    [Fact]
    public void A_negative_weight_is_named_alone_not_also_as_all_weights_zero()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(overrides: ["loss.ganWeight=-5"]));
        Assert.Contains("loss.ganWeight = -5", e.Message);
        Assert.DoesNotContain("all zero", e.Message);
        var zero = Assert.Throws<ConfigException>(() => ConfigLoader.Load(overrides: ["loss.riWeight=0", "loss.magWeight=0", "loss.timeWeight=0", "loss.ganWeight=0"]));
        Assert.Contains("all zero", zero.Message);
    }

    [Fact]
    public void The_resolved_config_round_trips_through_json()
    {
        var c = ConfigLoader.Load(overrides: ["train.epochs=3", "pesq.failures=batch-mean", "model.denseDepth=2"]);
        string json = ConfigLoader.ToJson(c);
        Assert.Contains("\"batch-mean\"", json);
        Assert.Equal(c, ConfigLoader.Parse(json, "round trip"));
    }

    [Fact]
    public void The_built_in_presets_load()
    {
        Assert.Contains("voicebank", ConfigLoader.PresetNames);
        Assert.Contains("demo", ConfigLoader.PresetNames);
        Assert.Equal(ConfigLoader.Load(), ConfigLoader.Load("voicebank") with { Checkpoint = new CheckpointSection() });
    }

    [Fact]
    public void An_unknown_preset_lists_the_known_ones()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load("voicebnk"));
        Assert.Contains("voicebank", e.Message);
        Assert.Contains("demo", e.Message);
    }

    [Fact]
    public void Every_key_has_a_description_and_a_default()
    {
        Assert.True(ConfigKeys.All.Count > 40);
        foreach (var key in ConfigKeys.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(key.Description), key.Path);
            Assert.Matches("^[a-z]+\\.[a-z][A-Za-z0-9]+$", key.Path);
        }

        Assert.Equal("mask", ConfigKeys.Find("pesq.failures")!.DefaultValue);
        Assert.Equal("0.05", ConfigKeys.Find("loss.ganWeight")!.DefaultValue);
    }

    [Fact]
    public void Crop_length_is_a_multiple_of_the_hop()
    {
        var c = ConfigLoader.Load(overrides: ["train.cropSeconds=1.2345"]);
        Assert.Equal(19700, c.CropSamples);
    }
}
