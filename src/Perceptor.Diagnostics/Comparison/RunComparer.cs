using Perceptor.Diagnostics.Analysis;
using Perceptor.Diagnostics.Detectors;
using Perceptor.Diagnostics.Findings;

namespace Perceptor.Diagnostics.Comparison;

/// <summary>
/// Turns the declared changes of several runs into verdicts, as experiment arms are judged, but from one run each:
/// a run that removed the hypothesised cause (never skipping for H1, deterministic eval for H4) and still collapsed
/// rules that hypothesis out as the cause; a run with another change that still collapsed weakens it; a run whose
/// collapse status differs from the baseline's (gone, or appeared) supports the changed factor, with the caveat of one
/// seed. The baseline is the first run that declares no recognised change (else the first run).
/// </summary>
public static class RunComparer
{
    /// <summary>Compares <paramref name="runs"/>.</summary>
    public static RunComparison Compare(IReadOnlyList<ComparedRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new ArgumentException("nothing to compare", nameof(runs));
        }

        // A label such as "baseline" or "before" names a run without declaring a factor: it can be the baseline.
        var baseline = runs.FirstOrDefault(r => r.Change is null or { Factors.Count: 0 }) ?? runs[0];
        var links = new List<HypothesisLink>();
        var notes = new List<string>();
        bool? before = baseline.Diagnosis.Collapse.Detected;
        foreach (var run in runs.Where(r => r != baseline && r.Change is not null))
        {
            foreach (string part in run.Change!.Unrecognised)
            {
                notes.Add($"{run.Name}: the declared change '{part}' maps to no hypothesis; it is shown but not judged.");
            }

            var c = run.Diagnosis.Collapse;
            foreach (var f in run.Change.Factors)
            {
                links.Add(Judge(run, f, c.Detected, before, baseline.Name));
            }

            if (run.Change.Factors.Any(f => f.Hypothesis == HypothesisId.H1) && run.Diagnosis.Disc.SkipLower is { } lo &&
                lo >= new DiagnosisOptions().SkipWarning)
            {
                notes.Add($"{run.Name} declares that skipping was removed, yet its log still shows at least {Fmt.Pct(lo)} skipped " +
                    "discriminator steps: check that the change was in effect.");
            }
        }

        if (runs.Count > 1)
        {
            notes.Add("One run per change: a difference between two runs can also come from the seed; repeat a decisive run with " +
                "another seed (perceptor experiment --seeds) before acting on it.");
        }

        var verdicts = Hypotheses.All
            .Select(h => (h, mine: (IReadOnlyList<HypothesisLink>)links.Where(l => l.Hypothesis == h.Number).ToList()))
            .Where(x => x.mine.Count > 0)
            .Select(x => new HypothesisVerdict(x.h.Number, x.h.Title, HypothesisAssessor.Combine(x.mine), x.mine, null))
            .ToList();
        return new RunComparison(runs, baseline, verdicts, notes);
    }

    private static HypothesisLink Judge(ComparedRun run, ChangedFactor f, bool? after, bool? before, string baseline)
    {
        string collapse = Summary(run.Diagnosis.Collapse);
        return (after, before) switch
        {
            (true, _) when f.RemovesCause => new HypothesisLink(f.Hypothesis, Stance.RulesOut,
                $"{run.Name} {f.What} and still collapsed ({collapse}): {Short(f.Hypothesis)} is not the cause"),
            (true, true) => new HypothesisLink(f.Hypothesis, Stance.Weakens,
                $"{run.Name} changed {f.What} and still collapsed ({collapse})"),
            (true, false) => new HypothesisLink(f.Hypothesis, Stance.Supports,
                $"{run.Name} changed {f.What} and collapsed ({collapse}) where {baseline} did not (one seed each: repeat before concluding)"),
            (false, true) => new HypothesisLink(f.Hypothesis, Stance.Supports,
                $"{run.Name} changed {f.What} and the collapse of {baseline} is gone (one seed each: repeat with another seed before concluding)"),
            (false, false) => new HypothesisLink(f.Hypothesis, Stance.Open,
                $"neither {baseline} nor {run.Name} ({f.What}) collapsed, so this pair cannot show what prevents a collapse"),
            _ => new HypothesisLink(f.Hypothesis, Stance.Open,
                $"{run.Name} ({f.What}): {(after is null ? "its collapse is not confirmed either way" : $"{baseline}'s collapse is not confirmed either way")}"),
        };
    }

    private static string Short(HypothesisId id) => id switch
    {
        HypothesisId.H1 => "discriminator skipping (H1)",
        HypothesisId.H4 => "eval crop noise (H4)",
        _ => id.ToString(),
    };

    /// <summary>A run's collapse in a few words.</summary>
    public static string Summary(CollapseResult c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Detected switch
        {
            true => $"peak {Fmt.Pesq(c.PeakPesq!.Value)} at epoch {c.PeakEpoch}, onset epoch {c.OnsetEpoch}, final {Fmt.Pesq(c.FinalPesq!.Value)} at epoch {c.FinalEpoch}",
            false => $"no collapse: peak {Fmt.Pesq(c.PeakPesq!.Value)} at epoch {c.PeakEpoch}, final {Fmt.Pesq(c.FinalPesq!.Value)} at epoch {c.FinalEpoch}",
            null when c.Pending is { } p => $"pending: below the peak {Fmt.Pesq(p.PeakPesq)} from epoch {p.OnsetEpoch}, {p.Epochs} epoch(s) so far",
            null => "no eval PESQ",
        };
    }
}
