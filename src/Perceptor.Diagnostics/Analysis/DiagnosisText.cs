using System.Text;
using Perceptor.Diagnostics.Detectors;
using Perceptor.Diagnostics.Findings;

namespace Perceptor.Diagnostics.Analysis;

/// <summary>The diagnosis as plain text for a terminal or a CI log.</summary>
public static class DiagnosisText
{
    /// <summary>Most problems listed before the rest are counted only.</summary>
    public const int MaxProblemsShown = 20;

    /// <summary>Formats the diagnosis.</summary>
    public static string Format(Diagnosis diagnosis)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        var d = diagnosis;
        var src = d.Run.Source;
        var sb = new StringBuilder();
        sb.Append("Diagnosis of ").Append(src.Path).Append('\n');
        sb.Append("  ").Append(src.Description).Append(", ").Append(src.Lines).Append(" lines, ")
            .Append(d.Run.Epochs.Count).Append(" epochs, ").Append(d.Run.Steps.Count).Append(" logged steps\n");
        if (src.Problems.Count > 0)
        {
            sb.Append("\nProblems reading the log (").Append(src.Problems.Count).Append("; the rest was used):\n");
            foreach (var p in src.Problems.Take(MaxProblemsShown))
            {
                sb.Append("  ").Append(p).Append('\n');
            }

            if (src.Problems.Count > MaxProblemsShown)
            {
                sb.Append("  ... and ").Append(src.Problems.Count - MaxProblemsShown).Append(" more\n");
            }
        }

        var c = d.Collapse;
        sb.Append("\nCollapse: ").Append(c.Detected switch
        {
            true => $"YES: peak {Fmt.Pesq(c.PeakPesq!.Value)} at epoch {c.PeakEpoch}, onset at epoch {c.OnsetEpoch}, " +
                $"final {Fmt.Pesq(c.FinalPesq!.Value)} at epoch {c.FinalEpoch}",
            false => $"no (peak {Fmt.Pesq(c.PeakPesq!.Value)} at epoch {c.PeakEpoch}, final {Fmt.Pesq(c.FinalPesq!.Value)} at epoch {c.FinalEpoch})",
            null when c.Pending is { } p => $"not yet confirmed: {Fmt.Pesq(p.PeakPesq)} at epoch {p.PeakEpoch}, at least the drop below it " +
                $"for the last {p.Epochs} evaluated epoch(s) from epoch {p.OnsetEpoch} (collapse-pending)",
            null => "cannot tell (no eval PESQ in the log)",
        }).Append('\n');
        sb.Append("Discriminator skip rate: ").Append(DiagnosisReport.SkipText(d.Disc)).Append('\n');
        sb.Append("Saturated share: ").Append(d.Disc.SaturatedShare is { } s ? Fmt.Pct(s)
            : d.Disc.SaturatedLower is { } lo && d.Disc.SaturatedUpper is { } hi ? $"between {Fmt.PctRange(lo, hi)}" : "unknown").Append('\n');

        sb.Append("\nFindings (").Append(d.Findings.Count).Append("):\n");
        if (d.Findings.Count == 0)
        {
            sb.Append("  none\n");
        }

        foreach (var f in d.Findings)
        {
            sb.Append("\n[").Append(DiagnosisReport.SeverityWord(f.Severity).ToUpperInvariant()).Append("] ").Append(f.Id)
                .Append(": ").Append(f.Title).Append('\n');
            foreach (string e in f.Evidence)
            {
                sb.Append("  - ").Append(e).Append('\n');
            }

            sb.Append("  Next: ").Append(f.Next).Append('\n');
            foreach (var h in f.Hypotheses)
            {
                sb.Append("  ").Append(h.Hypothesis).Append(' ').Append(DiagnosisReport.StanceWord(h.Stance)).Append(": ").Append(h.Reason).Append('\n');
            }
        }

        sb.Append("\nHypotheses:\n");
        foreach (var h in d.Hypotheses)
        {
            sb.Append("  ").Append(h.Id).Append(' ').Append(h.Title).Append(": ").Append(DiagnosisReport.VerdictWord(h.Verdict)).Append('\n');
            foreach (var r in h.Reasons)
            {
                sb.Append("      ").Append(DiagnosisReport.StanceWord(r.Stance)).Append(": ").Append(r.Reason).Append('\n');
            }

            if (h.Note is not null)
            {
                sb.Append("      ").Append(h.Note).Append('\n');
            }
        }

        sb.Append("\nWhat this log cannot tell:\n");
        foreach (string s2 in d.CannotTell)
        {
            sb.Append("  - ").Append(s2).Append('\n');
        }

        if (src.Notes.Count > 0)
        {
            sb.Append("\nAbout the source:\n");
            foreach (string n in src.Notes)
            {
                sb.Append("  - ").Append(n).Append('\n');
            }
        }

        return sb.ToString();
    }
}
