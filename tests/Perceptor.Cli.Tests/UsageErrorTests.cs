using Perceptor.Cli.Tests.Commands;

namespace Perceptor.Cli.Tests;

/// <summary>Usage errors of any command, as <c>perceptor</c> runs them: exit 2 and one line naming the problem.</summary>
public sealed class UsageErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perceptor-cli-usage-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CapturedRun.AsProgram(args);

    [Theory]
    [InlineData(new[] { "train", "--run", "r", "--bogus" }, "perceptor train: ", "'--bogus'")]
    [InlineData(new[] { "diagnose", "log.txt", "--gen-lr", "abc" }, "perceptor diagnose: ", "--gen-lr: 'abc' is not a number")]
    [InlineData(new[] { "diagnose", "log.txt", "--collapse-epochs", "2.5" }, "perceptor diagnose: ", "--collapse-epochs: '2.5' is not a whole number")]
    [InlineData(new[] { "enhance", "--input", "a.wav", "--output", "b.wav" }, "perceptor enhance: ", "--checkpoint")]
    [InlineData(new[] { "enhance", "--checkpoint", "c", "--input", "a.wav", "--output", "b.wav", "--format", "mp3" }, "perceptor enhance: ", "mp3")]
    [InlineData(new[] { "bench", "pesq", "--reps", "many" }, "perceptor bench pesq: ", "--reps: 'many' is not a whole number")]
    [InlineData(new[] { "frobnicate" }, "perceptor: ", "frobnicate")]
    [InlineData(new string[0], "perceptor: ", "command")]
    public void A_usage_error_exits_with_2_and_one_line_naming_it(string[] args, string prefix, string problem)
    {
        var (code, output, err) = Run(args);

        Assert.Equal(2, code);
        Assert.Equal("", output); // no help text
        string line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(prefix, line, StringComparison.Ordinal);
        Assert.Contains(problem, line, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", line, StringComparison.Ordinal); // no .NET type names
    }

    [Theory]
    [InlineData("optim.genLr=NaN")]
    [InlineData("optim.genLr=Infinity")]
    [InlineData("optim.genLr=1e999")]
    public void A_non_finite_setting_exits_with_2_naming_the_key_and_the_rule(string setting)
    {
        var (code, _, err) = Run("train", "--data", _dir, "--run", Path.Combine(_dir, "run"), "--set", setting);

        Assert.Equal(2, code);
        string line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("optim.genLr", line, StringComparison.Ordinal);
        Assert.Contains("must be a finite number", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "run")));
    }

    [Fact]
    public void Help_is_still_help()
    {
        var (code, output, err) = Run("diagnose", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--gen-lr", output, StringComparison.Ordinal);
        Assert.Equal("", err);
    }
}
