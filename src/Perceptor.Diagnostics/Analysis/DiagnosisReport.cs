using System.Globalization;
using Perceptor.Diagnostics.Detectors;
using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Report;

namespace Perceptor.Diagnostics.Analysis;

/// <summary>Builds the report of one diagnosis from the report building blocks.</summary>
public static class DiagnosisReport
{
    /// <summary>The report document; plots are rendered (PNG) when <paramref name="includePlots"/> is true.</summary>
    public static ReportDocument Build(Diagnosis diagnosis, bool includePlots = true)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        var run = diagnosis.Run;
        string name = run.Source.Kind == Runs.LogKind.Run
            ? Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(run.Source.Path))) ?? run.Source.Path
            : Path.GetFileName(run.Source.Path);
        var doc = new ReportDocument($"Diagnosis of {name}");
        doc.Paragraph($"Source: {run.Source.Path} ({run.Source.Description}, {run.Source.Lines} lines, " +
            $"{run.Epochs.Count} epochs, {run.Steps.Count} logged steps).");

        doc.Heading("Summary");
        doc.Table(["question", "answer"], SummaryRows(diagnosis));

        doc.Heading("Findings");
        if (diagnosis.Findings.Count == 0)
        {
            doc.Paragraph("No findings: nothing in this log points to a problem the detectors know.");
        }

        foreach (var f in diagnosis.Findings)
        {
            var footer = new List<(string, string)> { ("Next", f.Next) };
            if (f.Hypotheses.Count > 0)
            {
                footer.Add(("Hypotheses", string.Join("; ", f.Hypotheses.Select(h => $"{h.Hypothesis} {StanceWord(h.Stance)}: {h.Reason}"))));
            }

            doc.Callout(CalloutLevelOf(f.Severity), f.Id, f.Title, f.Evidence, footer);
        }

        doc.Heading("Hypotheses");
        doc.Table(["", "hypothesis", "verdict", "why"], diagnosis.Hypotheses.Select(h => (IReadOnlyList<string>)
        [
            h.Id.ToString(), h.Title, VerdictWord(h.Verdict),
            string.Join(" ", h.Reasons.Select(r => $"{Capitalise(StanceWord(r.Stance))}: {r.Reason}.").Append(h.Note ?? "")).Trim(),
        ]));

        if (includePlots)
        {
            var plots = DiagnosisPlots.For(diagnosis);
            if (plots.Count > 0)
            {
                doc.Heading("Plots");
                foreach (var (file, caption, spec) in plots)
                {
                    doc.Figure(ChartRenderer.RenderImage(spec, file), caption);
                }
            }
        }

        doc.Heading("What this log cannot tell");
        doc.Bullets(diagnosis.CannotTell);

        doc.Heading("Reading the log");
        doc.Bullets(run.Source.Notes);
        if (run.Source.Problems.Count > 0)
        {
            doc.Paragraph($"{run.Source.Problems.Count} lines could not be used:");
            doc.Bullets(run.Source.Problems.Select(p => p.ToString()));
        }

        var o = diagnosis.Options;
        doc.Paragraph(string.Create(CultureInfo.InvariantCulture,
            $"Thresholds: collapse {o.Collapse.Drop:0.0##} PESQ below the peak for {o.Collapse.Epochs} epochs; skip rate warning " +
            $"{o.SkipWarning:0%}, critical {o.SkipCritical:0%}; saturation below {o.SaturationLoss:0e+0} in at least {o.SaturatedShare:0%} of discriminator steps."));
        return doc;
    }

    private static IEnumerable<IReadOnlyList<string>> SummaryRows(Diagnosis d)
    {
        var c = d.Collapse;
        yield return ["Collapse", c.Detected switch
        {
            true => $"yes: peak {Fmt.Pesq(c.PeakPesq!.Value)} at epoch {c.PeakEpoch}, onset epoch {c.OnsetEpoch}, final {Fmt.Pesq(c.FinalPesq!.Value)} at epoch {c.FinalEpoch}",
            false => $"no (peak {Fmt.Pesq(c.PeakPesq!.Value)} at epoch {c.PeakEpoch}, final {Fmt.Pesq(c.FinalPesq!.Value)} at epoch {c.FinalEpoch})",
            null when c.Pending is { } p => $"not yet confirmed: peak {Fmt.Pesq(p.PeakPesq)} at epoch {p.PeakEpoch}, below it by the drop " +
                $"for the last {p.Epochs} evaluated epoch(s) from epoch {p.OnsetEpoch}",
            null => "cannot tell (no eval PESQ)",
        }];
        yield return ["Skip rate", SkipText(d.Disc)];
        yield return ["Saturated share", d.Disc.SaturatedShare is { } s
            ? Fmt.Pct(s) + (d.Disc.SaturationBasis == SkipRateBasis.Sample ? $" (95% CI {Fmt.PctRange(d.Disc.SaturatedLower!.Value, d.Disc.SaturatedUpper!.Value)})" : "")
            : d.Disc.SaturationBasis == SkipRateBasis.Bounds ? $"between {Fmt.PctRange(d.Disc.SaturatedLower!.Value, d.Disc.SaturatedUpper!.Value)}" : "unknown"];
        yield return ["Findings", d.Findings.Count == 0 ? "none" : string.Join(", ", d.Findings.Select(f => $"{f.Id} ({SeverityWord(f.Severity)})"))];
    }

    /// <summary>The skip rate in words, with its basis.</summary>
    public static string SkipText(DiscAccounting disc)
    {
        ArgumentNullException.ThrowIfNull(disc);
        return disc.SkipBasis switch
        {
            SkipRateBasis.Exact => $"{Fmt.Pct(disc.SkipRate!.Value)} (exact, {disc.SkipBasisText})",
            SkipRateBasis.Sample => $"{Fmt.Pct(disc.SkipRate!.Value)} (95% CI {Fmt.PctRange(disc.SkipLower!.Value, disc.SkipUpper!.Value)}; {disc.SkipBasisText})",
            SkipRateBasis.Bounds => $"unknown, between {Fmt.PctRange(disc.SkipLower!.Value, disc.SkipUpper!.Value)} ({disc.SkipBasisText})",
            _ => $"unknown ({disc.SkipBasisText})",
        };
    }

    /// <summary>The word for a severity (lower case).</summary>
    public static string SeverityWord(Severity severity) => severity switch
    {
        Severity.Critical => "critical",
        Severity.Warning => "warning",
        _ => "info",
    };

    /// <summary>The callout level that marks a finding of <paramref name="severity"/>.</summary>
    public static CalloutLevel CalloutLevelOf(Severity severity) => severity switch
    {
        Severity.Critical => CalloutLevel.Critical,
        Severity.Warning => CalloutLevel.Warning,
        _ => CalloutLevel.Info,
    };

    /// <summary>The word for a stance.</summary>
    public static string StanceWord(Stance stance) => stance switch
    {
        Stance.Supports => "supports",
        Stance.Weakens => "weakens",
        Stance.RulesOut => "rules out",
        _ => "open",
    };

    /// <summary>The word for a verdict.</summary>
    public static string VerdictWord(Verdict verdict) => verdict switch
    {
        Verdict.Supported => "supported",
        Verdict.Mixed => "mixed evidence",
        Verdict.Weakened => "weakened",
        Verdict.RuledOut => "ruled out",
        Verdict.Open => "open (needs an experiment)",
        _ => "cannot tell",
    };

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
