namespace Perceptor.Cli.Tests.Commands;

/// <summary><c>perceptor rescore</c> as the command line sees it: usage errors exit 2 with one line and write nothing.</summary>
public sealed class RescoreCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perceptor-cli-rescore-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CapturedRun.AsProgram(args);

    [Theory]
    [InlineData(new[] { "rescore", "x.pt" }, "--data")]
    [InlineData(new[] { "rescore", "--data", "d" }, "CHECKPOINT")]
    [InlineData(new[] { "rescore", "x.pt", "--data", "d", "--format", "xml" }, "xml")]
    [InlineData(new[] { "rescore", "x.pt", "--data", "d", "--max-files", "some" }, "--max-files: 'some' is not a whole number")]
    public void A_usage_error_exits_2_with_one_line(string[] args, string names)
    {
        var (code, output, err) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        string line = Assert.Single(err.TrimEnd().Split('\n'));
        Assert.StartsWith("perceptor rescore: ", line, StringComparison.Ordinal);
        Assert.Contains(names, line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_that_is_not_there_exits_2_naming_it_and_creates_no_output_folder()
    {
        string missing = Path.Combine(_dir, "CMGAN_epoch_7_0.105");
        string outDir = Path.Combine(_dir, "out");
        var (code, output, err) = Run("rescore", missing, "--data", _dir, "--out", outDir);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"perceptor rescore: {missing}: no such file or folder", err.TrimEnd());
        Assert.False(Directory.Exists(outDir));
    }
}
