using System.CommandLine;
using Perceptor.Tests;

namespace Perceptor.Cli.Tests.Commands;

/// <summary><c>perceptor train</c> and <c>perceptor enhance</c>: argument handling and clear errors (no training here).</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perceptor-cli-train-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CapturedRun.Of(args);

    [Fact]
    public void List_keys_prints_every_key_with_its_default()
    {
        var (code, output, _) = Run("train", "--list-keys");
        Assert.Equal(0, code);
        Assert.Contains("pesq.failures", output);
        Assert.Contains("mask", output);
        Assert.Contains("loss.ganWeight", output);
    }

    [Fact]
    public void An_unknown_key_exits_with_2_and_names_the_known_ones()
    {
        var (code, _, err) = Run("train", "--data", _dir, "--run", Path.Combine(_dir, "run"), "--set", "train.epoch=3");
        Assert.Equal(2, code);
        Assert.Contains("unknown key 'train.epoch'", err);
        Assert.Contains("train.epochs", err);
    }

    [Fact]
    public void A_data_folder_without_the_layout_is_named()
    {
        var (code, _, err) = Run("train", "--data", _dir, "--run", Path.Combine(_dir, "run"), "--preset", "demo");
        Assert.Equal(2, code);
        Assert.Contains(Path.Combine(_dir, "train", "clean"), err);
    }

    [Fact]
    public void Resume_without_a_run_says_there_is_nothing_to_resume()
    {
        var (code, _, err) = Run("train", "--run", Path.Combine(_dir, "none"), "--resume");
        Assert.Equal(2, code);
        Assert.Contains("nothing to resume", err);
    }

    [Fact]
    public void Enhance_names_a_corrupt_checkpoint()
    {
        string checkpoint = Path.Combine(_dir, "bad.ckpt");
        File.WriteAllText(checkpoint, "not a checkpoint");
        var (code, _, err) = Run("enhance", "--checkpoint", checkpoint, "--input", TestData.Path("voicebank-samples", "noisy", "p232_005.wav"),
            "--output", Path.Combine(_dir, "out.wav"));
        Assert.Equal(2, code);
        Assert.Contains(checkpoint, err);
        Assert.Contains("not a Perceptor checkpoint", err);
    }
}
