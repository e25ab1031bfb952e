using Perceptor.Diagnostics.Comparison;
using Perceptor.Diagnostics.Readers;
using Perceptor.Diagnostics.Rescore;
using Perceptor.Diagnostics.Report;

namespace Perceptor.Diagnostics.Analysis;

/// <summary>The whole of <c>perceptor diagnose</c> as one library call: read, diagnose, compare, format, write the report.</summary>
public static class DiagnoseRunner
{
    /// <summary>Runs the request.</summary>
    /// <exception cref="LogReadException">A log cannot be read at all.</exception>
    /// <exception cref="ArgumentException">A label names no log of the request.</exception>
    public static DiagnoseOutcome Run(DiagnoseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Collapse.Validate();
        var paths = new[] { request.Path }.Concat(request.MorePaths).ToList();
        var names = Names(paths);
        foreach (string label in request.Labels.Keys)
        {
            int matching = paths.Where((p, i) => Matches(label, p, names[i])).Count();
            if (matching != 1)
            {
                throw new ArgumentException(matching == 0
                    ? $"--label {label}=...: no log given is named '{label}' (names: {string.Join(", ", names)})"
                    : $"--label {label}=...: '{label}' names {matching} of the logs given; use a file name (names: {string.Join(", ", names)})");
            }
        }

        var rescored = request.RescoredPath is { } rescorePath ? RescoreFile.Read(rescorePath) : null;
        var runs = new List<ComparedRun>();
        for (int i = 0; i < paths.Count; i++)
        {
            var run = RunReader.Read(paths[i], request.Kind);
            var diagnosis = Diagnoser.Diagnose(run, i == 0 && rescored is not null ? request.Options with { Rescored = rescored } : request.Options);
            var label = request.Labels.FirstOrDefault(l => Matches(l.Key, paths[i], names[i]));
            runs.Add(new ComparedRun(label.Key ?? names[i], label.Value is { } change ? DeclaredChange.Parse(change) : null, diagnosis));
        }

        if (runs.Count == 1 && runs[0].Change is null)
        {
            var diagnosis = runs[0].Diagnosis;
            IReadOnlyList<string> files = [];
            if (request.OutDirectory is { } dir)
            {
                files = ReportWriter.Write(DiagnosisReport.Build(diagnosis), dir);
            }

            string output = request.Format switch
            {
                OutputFormat.Json => DiagnosisJson.Serialize(diagnosis),
                OutputFormat.Markdown => MarkdownRenderer.Render(DiagnosisReport.Build(diagnosis, includePlots: false), includeFigures: false),
                _ => DiagnosisText.Format(diagnosis),
            };
            return new DiagnoseOutcome(diagnosis, output, files);
        }

        var comparison = RunComparer.Compare(runs);
        IReadOnlyList<string> written = [];
        if (request.OutDirectory is { } outDir)
        {
            written = ReportWriter.Write(ComparisonText.Build(comparison), outDir);
        }

        string text = request.Format switch
        {
            OutputFormat.Json => DiagnosisJson.Serialize(comparison),
            OutputFormat.Markdown => MarkdownRenderer.Render(ComparisonText.Build(comparison, includePlots: false), includeFigures: false),
            _ => ComparisonText.Format(comparison),
        };
        return new DiagnoseOutcome(comparison.Baseline.Diagnosis, text, written) { Comparison = comparison };
    }

    // A run's name: its file name, or its folder's name where several logs share a file name (runs/a/train.log,
    // runs/b/train.log) or the log is a run folder.
    private static List<string> Names(List<string> paths)
    {
        string Plain(string p) => Directory.Exists(p)
            ? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(p)))
            : Path.GetFileName(p);
        var plain = paths.Select(Plain).ToList();
        return paths.Select((p, i) => plain.Count(x => x == plain[i]) > 1 && !Directory.Exists(p)
            ? Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(p))) + "/" + plain[i]
            : plain[i]).ToList();
    }

    private static bool Matches(string label, string path, string name)
    {
        string full = Path.GetFullPath(path);
        return label == name || label == path || label == Path.GetFileName(path) || label == Path.GetFileNameWithoutExtension(path) ||
            label == Path.GetFileName(Path.TrimEndingDirectorySeparator(full)) || label == Path.GetFileName(Path.GetDirectoryName(full));
    }
}
