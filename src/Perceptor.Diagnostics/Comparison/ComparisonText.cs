using System.Text;
using Perceptor.Diagnostics.Analysis;
using Perceptor.Diagnostics.Detectors;
using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Report;

namespace Perceptor.Diagnostics.Comparison;

/// <summary>A comparison of runs as text for a terminal, and as a report document.</summary>
public static class ComparisonText
{
    /// <summary>The side-by-side summary, the verdicts, the notes, then each run's own diagnosis.</summary>
    public static string Format(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var sb = new StringBuilder();
        sb.Append("Comparison of ").Append(comparison.Runs.Count).Append(" runs (baseline: ").Append(comparison.Baseline.Name).Append(")\n\n");
        foreach (var row in Rows(comparison))
        {
            sb.Append("  ").Append(row[0]).Append(row[1] == "-" ? "" : $" [{row[1]}]").Append(": ").Append(row[2])
                .Append("; skip rate ").Append(row[3]).Append("; eval ").Append(row[4]).Append('\n');
        }

        sb.Append("\nWhat the declared changes say:\n");
        if (comparison.Verdicts.Count == 0)
        {
            sb.Append("  nothing: no run declares a change that bears on a hypothesis (--label NAME=what-changed).\n");
        }

        foreach (var v in comparison.Verdicts)
        {
            sb.Append("  ").Append(v.Id).Append(' ').Append(v.Title).Append(": ").Append(DiagnosisReport.VerdictWord(v.Verdict)).Append('\n');
            foreach (var r in v.Reasons)
            {
                sb.Append("    - ").Append(r.Reason).Append('\n');
            }
        }

        foreach (string n in comparison.Notes)
        {
            sb.Append("  Note: ").Append(n).Append('\n');
        }

        foreach (var run in comparison.Runs)
        {
            sb.Append("\n=== ").Append(run.Name).Append(run == comparison.Baseline ? " (baseline)" : "").Append(" ===\n");
            sb.Append(DiagnosisText.Format(run.Diagnosis));
        }

        return sb.ToString();
    }

    /// <summary>The comparison as a report: the table, a chart of eval PESQ per run, the verdicts and notes, and each
    /// run's findings.</summary>
    public static ReportDocument Build(RunComparison comparison, bool includePlots = true)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var doc = new ReportDocument($"Comparison of {comparison.Runs.Count} runs");
        doc.Paragraph($"Baseline: {comparison.Baseline.Name}. Each other run declares what it changed (--label NAME=what-changed).");
        doc.Table(["run", "declared change", "collapse", "skip rate", "eval"], Rows(comparison));
        var chart = new ChartSpec
        {
            Title = "Eval PESQ per run",
            XLabel = "epoch",
            YLabel = "PESQ (WB)",
            Series = comparison.Runs.Select(r => RunSeries.EvalPesq(r.Diagnosis.Run, r.Name)).ToList(),
            IntegerX = true,
        };
        if (includePlots && ChartRenderer.HasData(chart))
        {
            doc.Figure(ChartRenderer.RenderImage(chart, "compare-eval-pesq.png"), "Eval PESQ per epoch of each run");
        }

        doc.Heading("Verdicts from the declared changes");
        if (comparison.Verdicts.Count == 0)
        {
            doc.Paragraph("No run declares a change that bears on a hypothesis.");
        }
        else
        {
            doc.Table(["", "hypothesis", "verdict", "why"], comparison.Verdicts.Select(v => (IReadOnlyList<string>)
                [v.Id.ToString(), v.Title, DiagnosisReport.VerdictWord(v.Verdict), string.Join(" ", v.Reasons.Select(r => r.Reason + "."))]));
        }

        if (comparison.Notes.Count > 0)
        {
            doc.Bullets(comparison.Notes);
        }

        foreach (var run in comparison.Runs)
        {
            doc.Heading($"{run.Name}{(run == comparison.Baseline ? " (baseline)" : "")}");
            doc.Bullets(run.Diagnosis.Findings.Count == 0
                ? ["No findings."]
                : run.Diagnosis.Findings.Select(f => $"{DiagnosisReport.SeverityWord(f.Severity)}: {f.Title}"));
        }

        return doc;
    }

    private static IEnumerable<IReadOnlyList<string>> Rows(RunComparison comparison) => comparison.Runs.Select(r =>
        (IReadOnlyList<string>)
        [
            r.Name + (r == comparison.Baseline ? " (baseline)" : ""),
            r.Change?.Text ?? "-",
            RunComparer.Summary(r.Diagnosis.Collapse),
            r.Diagnosis.Disc.SkipRate is { } s ? Fmt.Pct(s)
                : r.Diagnosis.Disc.SkipLower is { } lo && r.Diagnosis.Disc.SkipUpper is { } hi ? Fmt.PctRange(lo, hi) : "unknown",
            r.Diagnosis.Run.Source.EvalComparability.ToString().ToLowerInvariant(),
        ]);
}
