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

    /// <summary>
    /// <c>perceptor report PATH... [--label NAME=change] [--out DIR]</c>: one folder without labels is
    /// <see cref="Run(string, VerdictOptions?)"/>; log files, or several runs made without <c>experiment</c>, are
    /// compared side by side as <c>perceptor diagnose A B --label NAME=change</c> does (each run's collapse summary,
    /// declared changes turned into verdicts), with the report in <paramref name="outDir"/> (default: <c>report/</c>
    /// in the folder that holds the first log or run folder).
    /// </summary>
    public static ReportOutcome Run(IReadOnlyList<string> paths, IReadOnlyDictionary<string, string> labels, string? outDir,
        VerdictOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(labels);
        if (paths.Count == 0)
        {
            throw new ArgumentException("give an experiment folder, a run folder or one or more training logs");
        }

        if (paths.Count == 1 && labels.Count == 0 && Directory.Exists(paths[0]))
        {
            return outDir is null ? Run(paths[0], options)
                : throw new ArgumentException($"--out: the report of a folder goes to {Path.Combine(Path.GetFullPath(paths[0]), "report")}; --out is for logs");
        }

        // Beside the first log: a run folder's own report/ holds its single-run diagnosis, so not inside it.
        string first = Path.TrimEndingDirectorySeparator(Path.GetFullPath(paths[0]));
        string dir = outDir ?? Path.Combine(Path.GetDirectoryName(first) ?? first, "report");
        var outcome = DiagnoseRunner.Run(new DiagnoseRequest { Path = paths[0], MorePaths = [.. paths.Skip(1)], Labels = labels, OutDirectory = dir });
        return new ReportOutcome(false, Path.Combine(dir, "report.html"), outcome.FilesWritten, outcome.Output);
    }
}
