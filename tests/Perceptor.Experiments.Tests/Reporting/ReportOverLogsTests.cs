using Perceptor.Experiments.Reporting;

namespace Perceptor.Experiments.Tests.Reporting;

/// <summary><c>perceptor report A B --label NAME=change</c> on runs that <c>experiment</c> did not make.</summary>
public sealed class ReportOverLogsTests : IDisposable
{
    private readonly string _root = FakeRuns.TempDir("report-logs");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // Peaks at epoch 2, then stays 0.6 below it: a collapse by the default rule.
    private static List<FakeRuns.Epoch> Collapsing() =>
        [new(2.3), new(2.6), new(2.0), new(1.9), new(1.9), new(1.8)];

    [Fact]
    public void Runs_made_by_hand_are_compared_side_by_side_with_the_declared_change_and_the_report_goes_beside_them()
    {
        string before = Path.Combine(_root, "runs", "before");
        string fix = Path.Combine(_root, "runs", "fix");
        FakeRuns.Write(before, 1, Collapsing(), collapseAt: 3);
        FakeRuns.Write(fix, 1, Collapsing(), pesqFailures: "mask", collapseAt: 3);

        var outcome = ReportRunner.Run([before, fix], new Dictionary<string, string> { ["fix"] = "pesq.failures=mask" }, null);

        Assert.False(outcome.IsExperiment);
        Assert.StartsWith("Comparison of 2 runs (baseline: before)", outcome.Summary);
        Assert.Contains("fix [pesq.failures=mask]", outcome.Summary);
        Assert.Contains("\n  H1 ", outcome.Summary);
        string report = Path.Combine(_root, "runs", "report");
        Assert.Equal(Path.Combine(report, "report.html"), outcome.HtmlPath);
        Assert.True(File.Exists(outcome.HtmlPath));
        Assert.False(Directory.Exists(Path.Combine(before, "report")), "the comparison overwrote the run's own report folder");
    }

    [Fact]
    public void One_folder_keeps_its_report_and_a_label_naming_no_log_is_refused()
    {
        string run = Path.Combine(_root, "run");
        FakeRuns.Write(run, 1, Collapsing());

        Assert.Equal(Path.Combine(run, "report", "report.html"), ReportRunner.Run([run], new Dictionary<string, string>(), null).HtmlPath);
        Assert.Throws<ArgumentException>(() => ReportRunner.Run([run], new Dictionary<string, string>(), Path.Combine(_root, "elsewhere")));
        Assert.Contains("no log given is named 'other'",
            Assert.Throws<ArgumentException>(() => ReportRunner.Run([run], new Dictionary<string, string> { ["other"] = "eval.method=fixed-crops" }, null)).Message);
    }
}
