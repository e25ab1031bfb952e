using Perceptor.Diagnostics.Analysis;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Experiments.Reporting;

/// <summary>
/// The whole of <c>perceptor report PATH</c>: for an experiment folder (run folders <c>&lt;arm&gt;/seed-&lt;s&gt;/</c>,
/// local or gathered from a cluster) the comparison report; for a single run folder that run's diagnosis report.
/// Either way the files go to <c>PATH/report/</c>.
/// </summary>
public static class ReportRunner
{
    /// <summary>Writes the report for <paramref name="path"/>.</summary>
    public static ReportOutcome Run(string path, VerdictOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string root = Path.GetFullPath(path);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{root}: folder not found");
        }

        string outDir = Path.Combine(root, "report");
        if (ComparisonAnalyzer.IsRunFolder(root))
        {
            var outcome = DiagnoseRunner.Run(new DiagnoseRequest { Path = root, Kind = LogKind.Run, OutDirectory = outDir });
            return new ReportOutcome(false, Path.Combine(outDir, "report.html"), outcome.FilesWritten, outcome.Output);
        }

        var report = ComparisonAnalyzer.Analyze(root, options);
        if (report.Arms.Count == 0)
        {
            throw new InvalidDataException(
                $"{root}: neither a run folder (metrics.jsonl) nor an experiment folder (<arm>/seed-<n>/metrics.jsonl)");
        }

        var files = ComparisonReportBuilder.Write(report);
        return new ReportOutcome(true, Path.Combine(outDir, "report.html"), files, ComparisonReportBuilder.Summary(report));
    }
}
