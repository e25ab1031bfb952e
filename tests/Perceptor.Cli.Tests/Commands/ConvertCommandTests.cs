using System.CommandLine;
using Perceptor.Tests;

namespace Perceptor.Cli.Tests.Commands;

/// <summary><c>perceptor convert</c>: formats from the extensions, what it says it did, and refusals that write nothing.</summary>
public sealed class ConvertCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perceptor-cli-convert-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CapturedRun.Of(args);

    [Fact]
    public void A_wrapped_pytorch_file_becomes_safetensors_and_says_which_key_it_used()
    {
        string target = Path.Combine(_dir, "g.safetensors");
        var (code, output, err) = Run("convert", TestData.Path("pytorch-cmgan", "generator_seed0_ddp_wrapped.pt"), target);
        Assert.True(code == 0, err);
        Assert.Contains("under key 'model', prefix 'module.' removed", output);
        Assert.Contains("64 channels, 4 TS-Conformer blocks", output);
        Assert.Contains("359 tensors", output);
        Assert.True(File.Exists(target));
    }

    [Fact]
    public void The_discriminator_part_is_taken_on_request()
    {
        string target = Path.Combine(_dir, "d.pt");
        var (code, output, err) = Run("convert", TestData.Path("pytorch-cmgan", "discriminator_seed0.pt"), target, "--part", "discriminator");
        Assert.True(code == 0, err);
        Assert.Contains("34 tensors", output);
    }

    [Fact]
    public void A_file_that_is_not_a_generator_exits_with_2_names_it_and_writes_nothing()
    {
        string target = Path.Combine(_dir, "g.pt");
        string input = TestData.Path("pytorch-cmgan", "discriminator_seed0.pt");
        var (code, _, err) = Run("convert", input, target);
        Assert.Equal(2, code);
        Assert.Contains(input, err);
        Assert.Contains("'dense_encoder.conv_1.0.weight' is missing", err);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void An_output_extension_without_a_format_is_a_usage_error()
    {
        string target = Path.Combine(_dir, "g.bin");
        var (code, _, err) = Run("convert", TestData.Path("pytorch-cmgan", "generator_c16_seed3.pt"), target);
        Assert.Equal(2, code);
        Assert.Contains(".safetensors", err);
        Assert.False(File.Exists(target));
    }
}
