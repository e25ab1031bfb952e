using System.IO.Compression;
using Perceptor.Models;
using Perceptor.Training.Checkpoints;
using Perceptor.Training.Enhance;
using Perceptor.Training.Tests.Fakes;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Perceptor.Training.Tests.Checkpoints;

[Collection(TorchCollection.Name)]
public class ConvertTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("generator_seed0.pt", "generator")]
    [InlineData("generator_c16_seed3.pt", "generator")]
    [InlineData("discriminator_seed0.pt", "discriminator")]
    public void Export_then_import_gives_back_identical_tensors_under_the_reference_names(string file, string partName)
    {
        var part = Enum.Parse<ModelPart>(partName, ignoreCase: true);
        string dir = TestRuns.TempDir();
        string source = ReferenceData.File(file);
        using var original = StateDictFiles.Read(source, part);

        // .pt → .ckpt → .safetensors → .pt (the discriminator goes .pt → .safetensors → .pt).
        string pt = Path.Combine(dir, "back.pt");
        if (part == ModelPart.Generator)
        {
            CheckpointConverter.Convert(source, Path.Combine(dir, "model.ckpt"));
            CheckpointConverter.Convert(Path.Combine(dir, "model.ckpt"), Path.Combine(dir, "model.safetensors"));
        }
        else
        {
            CheckpointConverter.Convert(source, Path.Combine(dir, "model.safetensors"), part);
        }

        var summary = CheckpointConverter.Convert(Path.Combine(dir, "model.safetensors"), pt, part);
        Assert.Equal(WeightsFormat.Safetensors, summary.InputFormat);
        Assert.Equal(original.Tensors.Count, summary.Tensors);

        using var back = StateDictFiles.Read(pt, part);
        Assert.Equal("the top-level dict", back.Origin);
        Assert.Equal(original.Keys.Order(StringComparer.Ordinal), back.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, tensor) in original.Tensors)
        {
            var copy = back.Tensors[key];
            Assert.Equal(tensor.dtype, copy.dtype);
            Assert.True(ReferenceData.Same(tensor, copy), key);
        }

        if (part == ModelPart.Generator)
        {
            Assert.Equal(ScalarType.Int64, back.Tensors["TSCB_1.time_conformer.conv.net.5.num_batches_tracked"].dtype);
            Assert.Equal(1234, back.Tensors["TSCB_1.time_conformer.conv.net.5.num_batches_tracked"].item<long>());
        }
    }

    [Fact]
    public void A_written_pt_keeps_the_networks_key_order()
    {
        string dir = TestRuns.TempDir();
        string pt = Path.Combine(dir, "d.pt");
        CheckpointConverter.Convert(ReferenceData.Discriminator, pt, ModelPart.Discriminator);
        using var reference = new MetricDiscriminator(new DiscriminatorConfig());
        using var zip = ZipFile.OpenRead(pt);
        using var pickle = zip.Entries.Single(e => e.Name == "data.pkl").Open();
        using var memory = new MemoryStream();
        pickle.CopyTo(memory);
        string text = System.Text.Encoding.Latin1.GetString(memory.ToArray());
        int last = -1;
        foreach (string key in reference.state_dict().Keys)
        {
            int at = text.IndexOf(key + "\u0000", StringComparison.Ordinal) is var n and >= 0 ? n : text.IndexOf(key, StringComparison.Ordinal);
            Assert.True(at > last, $"{key} out of order");
            last = at;
        }
    }

    [Fact]
    public void A_truncated_pt_is_refused_by_name_and_nothing_is_written()
    {
        string dir = TestRuns.TempDir();
        string truncated = Path.Combine(dir, "cut.pt");
        byte[] bytes = File.ReadAllBytes(ReferenceData.File("generator_c16_seed3.pt"));
        File.WriteAllBytes(truncated, bytes.AsSpan(0, bytes.Length / 2).ToArray());
        string target = Path.Combine(dir, "out.safetensors");

        var e = Assert.Throws<CheckpointException>(() => CheckpointConverter.Convert(truncated, target));
        output.WriteLine(e.Message);
        Assert.Equal(truncated, e.FilePath);
        Assert.Contains("truncated", e.Message);
        Assert.Equal([truncated], Directory.GetFiles(dir));
        Assert.Throws<CheckpointException>(() => SpeechEnhancer.Load(truncated));
    }

    [Fact]
    public void A_truncated_safetensors_file_is_refused()
    {
        string dir = TestRuns.TempDir();
        string whole = Path.Combine(dir, "d.safetensors");
        CheckpointConverter.Convert(ReferenceData.Discriminator, whole, ModelPart.Discriminator);
        byte[] bytes = File.ReadAllBytes(whole);
        string cut = Path.Combine(dir, "cut.safetensors");
        File.WriteAllBytes(cut, bytes.AsSpan(0, bytes.Length - 100).ToArray());

        var e = Assert.Throws<CheckpointException>(() => StateDictFiles.Read(cut, ModelPart.Discriminator));
        output.WriteLine(e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void A_state_dict_of_another_network_is_refused_naming_the_missing_key_and_its_shape()
    {
        string dir = TestRuns.TempDir();
        string other = Path.Combine(dir, "resnet.pt");
        using (var fc = randn(10, 4))
        using (var bias = zeros(10))
        {
            StateDictFiles.Write(other, WeightsFormat.PyTorch, [new("fc.weight", fc), new("fc.bias", bias)]);
        }

        string target = Path.Combine(dir, "out.ckpt");
        var e = Assert.Throws<CheckpointException>(() => CheckpointConverter.Convert(other, target));
        output.WriteLine(e.Message);
        Assert.Equal(other, e.FilePath);
        Assert.Contains("'dense_encoder.conv_1.0.weight' is missing", e.Message);
        Assert.Contains("[C, 3, 1, 1]", e.Message);
        Assert.False(File.Exists(target));
        Assert.Throws<CheckpointException>(() => SpeechEnhancer.Load(other));
    }

    [Fact]
    public void A_mis_shaped_or_extra_key_is_named_with_the_expected_shape()
    {
        string dir = TestRuns.TempDir();
        using var weights = StateDictFiles.Read(ReferenceData.Discriminator, ModelPart.Discriminator);
        var entries = weights.Tensors.ToDictionary(p => p.Key, p => p.Value);
        using var wrong = zeros(33);
        entries["layers.4.weight"] = wrong; // the second instance norm has 32 channels
        string bad = Path.Combine(dir, "bad.pt");
        StateDictFiles.Write(bad, WeightsFormat.PyTorch, entries);
        var e = Assert.Throws<CheckpointException>(() => CheckpointConverter.Convert(bad, Path.Combine(dir, "x.pt"), ModelPart.Discriminator));
        output.WriteLine(e.Message);
        Assert.Contains("'layers.4.weight' has shape [33], expected [32]", e.Message);

        entries["layers.4.weight"] = weights.Tensors["layers.4.weight"];
        using var extra = zeros(1);
        entries["layers.99.weight"] = extra;
        string extraFile = Path.Combine(dir, "extra.safetensors");
        StateDictFiles.Write(extraFile, WeightsFormat.Safetensors, entries);
        e = Assert.Throws<CheckpointException>(() => CheckpointConverter.Convert(extraFile, Path.Combine(dir, "y.pt"), ModelPart.Discriminator));
        output.WriteLine(e.Message);
        Assert.Contains("'layers.99.weight' is unexpected", e.Message);
        Assert.False(File.Exists(Path.Combine(dir, "x.pt")));
        Assert.False(File.Exists(Path.Combine(dir, "y.pt")));
    }

    [Theory]
    // os.system("echo") as a protocol-2 pickle: a class built from arguments.
    [InlineData("80 02 63 6f 73 0a 73 79 73 74 65 6d 0a 58 04 00 00 00 65 63 68 6f 85 52 2e", "os.system")]
    // {"a": __main__.Net()} : a class built without arguments, which an unpickler would instantiate.
    [InlineData("80 02 7d 58 01 00 00 00 61 63 5f 5f 6d 61 69 6e 5f 5f 0a 4e 65 74 0a 29 52 73 2e", "__main__.Net")]
    public void A_pickle_that_names_an_unexpected_class_is_refused_and_nothing_is_written(string pickleHex, string className)
    {
        string dir = TestRuns.TempDir();
        string file = Path.Combine(dir, "evil.pt");
        using (var zip = ZipFile.Open(file, ZipArchiveMode.Create))
        {
            using (var version = new StreamWriter(zip.CreateEntry("evil/version").Open()))
            {
                version.Write("3\n");
            }

            using var data = zip.CreateEntry("evil/data.pkl").Open();
            data.Write(Convert.FromHexString(pickleHex.Replace(" ", "", StringComparison.Ordinal)));
        }

        string target = Path.Combine(dir, "out.pt");
        var e = Assert.Throws<CheckpointException>(() => CheckpointConverter.Convert(file, target));
        output.WriteLine(e.Message);
        Assert.Equal(file, e.FilePath);
        Assert.Contains($"names class '{className}'", e.Message);
        Assert.False(File.Exists(target));
    }
}
