namespace Perceptor.Cli.Tests.Commands;

/// <summary><c>perceptor demo</c> writes through the writers it is given (a full demo takes minutes; see the Experiments tests).</summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perceptor-cli-demo-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void An_out_path_that_is_a_file_is_named_on_the_error_writer_after_the_progress_on_the_output_writer()
    {
        string file = Path.Combine(_dir, "demo-out");
        File.WriteAllText(file, "keep me");

        var (code, output, err) = CapturedRun.Of("demo", "--out", file);

        Assert.Equal(2, code);
        Assert.StartsWith("demo: synthetic speech-like corpus of ", output, StringComparison.Ordinal);
        Assert.Contains(file, output, StringComparison.Ordinal);
        Assert.Equal(1, CapturedRun.Lines(err));
        Assert.StartsWith("perceptor demo: ", err, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(file));
    }
}
