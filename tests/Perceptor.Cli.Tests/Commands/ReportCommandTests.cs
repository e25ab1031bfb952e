using Perceptor.Diagnostics.RunLog;

namespace Perceptor.Cli.Tests.Commands;

/// <summary><c>perceptor report</c> driven through the command tree with captured writers.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perceptor-cli-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_run_folder_gets_its_diagnosis_report_and_the_path_is_printed_on_the_output_writer()
    {
        string run = Directory.CreateDirectory(Path.Combine(_dir, "run")).FullName;
        double[] pesq = [2.1, 2.4, 2.6, 2.5];
        var lines = new List<string>();
        for (int epoch = 1; epoch <= pesq.Length; epoch++)
        {
            lines.Add(RunLogJson.Serialize(new EpochRecord { Epoch = epoch, Step = epoch * 10L, Batches = 10, Loss = new LossTerms(1.0 / epoch, 0.1, 0.2, 0.05, 0.3) }));
            lines.Add(RunLogJson.Serialize(new EvalRecord { Epoch = epoch, Step = epoch * 10L, Method = "full", Files = 4, Pesq = pesq[epoch - 1] }));
        }

        File.WriteAllLines(Path.Combine(run, "metrics.jsonl"), lines);

        var (code, output, err) = CapturedRun.Of("report", run);

        Assert.Equal(0, code);
        Assert.Equal("", err);
        string html = Path.Combine(run, "report", "report.html");
        Assert.EndsWith($"report: {html}\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.True(File.Exists(html));
    }

    [Fact]
    public void A_missing_folder_is_one_line_on_the_error_writer_and_nothing_on_the_output_writer()
    {
        string missing = Path.Combine(_dir, "missing");

        var (code, output, err) = CapturedRun.Of("report", missing);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal(1, CapturedRun.Lines(err));
        Assert.StartsWith($"perceptor report: {missing}", err, StringComparison.Ordinal);
    }
}
