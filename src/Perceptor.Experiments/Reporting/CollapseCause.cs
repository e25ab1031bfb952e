using System.Globalization;

namespace Perceptor.Experiments.Reporting;

/// <summary>
/// What an experiment says about the cause of a collapse, judged by collapse itself rather than by final PESQ alone:
/// the cause is named only when the baseline collapsed in every seed, some arm collapsed in none of the same seeds
/// (and ended higher, by the paired verdict), and some other arm still collapsed in every seed, so that the
/// experiment tells the candidate causes apart. Anything else is inconclusive, and says why.
/// </summary>
/// <param name="Earned">True when the experiment names a cause.</param>
/// <param name="Headline">One sentence: the cause and the arms that show it, or why none can be named.</param>
/// <param name="Preventing">Arms that collapsed in none of the baseline's seeds and ended higher than it.</param>
/// <param name="StillCollapsing">Arms that collapsed in every seed, as the baseline did.</param>
/// <param name="Causes">Ids of the hypotheses the preventing arms test (and no still-collapsing arm tests).</param>
/// <param name="RuledOut">Ids of hypotheses whose every testing arm still collapsed.</param>
/// <param name="Evidence">Per baseline seed: peak, onset, where the eval loss bottomed out, the training loss trend.</param>
public sealed record CollapseCause(
    bool Earned,
    string Headline,
    IReadOnlyList<string> Preventing,
    IReadOnlyList<string> StillCollapsing,
    IReadOnlyList<string> Causes,
    IReadOnlyList<string> RuledOut,
    IReadOnlyList<string> Evidence)
{
    /// <summary>Judges <paramref name="report"/>'s arms; null when it has no baseline with evaluated runs.</summary>
    public static CollapseCause? Judge(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var baseline = report.Baseline;
        if (baseline is null || baseline.CollapseJudged == 0)
        {
            return null;
        }

        var evidence = baseline.Runs.Select(SeedEvidence).ToList();
        var seeds = baseline.Runs.Select(r => r.Seed).ToHashSet();
        var others = report.Arms.Where(a => !a.IsBaseline).ToList();
        if (baseline.CollapseJudged < 2)
        {
            return Inconclusive("the baseline has fewer than two evaluated seeds, so a collapse cannot be called reproducible.", evidence);
        }

        if (baseline.Collapsed < baseline.CollapseJudged)
        {
            return Inconclusive(
                $"the baseline collapsed in {baseline.Collapsed} of {baseline.CollapseJudged} seeds, not in every one, so no arm can show that it prevents a collapse.",
                evidence);
        }

        static bool SameSeeds(ArmSummary arm, HashSet<long?> seeds) =>
            arm.CollapseJudged == seeds.Count && arm.Runs.All(r => seeds.Contains(r.Seed) && r.Collapsed is not null);

        var verdicts = report.Verdicts.SelectMany(v => v.Comparisons).GroupBy(c => c.Arm).ToDictionary(g => g.Key, g => g.First());
        var preventing = others.Where(a => SameSeeds(a, seeds) && a.Collapsed == 0
            && verdicts.TryGetValue(a.Name, out var c) && c.Kind == VerdictKind.Supported).ToList();
        var still = others.Where(a => SameSeeds(a, seeds) && a.Collapsed == a.CollapseJudged).ToList();
        var causes = preventing.SelectMany(a => a.Hypotheses).Distinct()
            .Where(h => !still.Any(a => a.Hypotheses.Contains(h, StringComparer.OrdinalIgnoreCase))).Order(StringComparer.Ordinal).ToList();
        var ruledOut = still.SelectMany(a => a.Hypotheses).Distinct()
            .Where(h => !preventing.Any(a => a.Hypotheses.Contains(h, StringComparer.OrdinalIgnoreCase))).Order(StringComparer.Ordinal).ToList();
        string Names(IEnumerable<ArmSummary> arms) => string.Join(", ", arms.Select(a => a.Name));
        int n = seeds.Count;

        if (preventing.Count == 0)
        {
            return new CollapseCause(false,
                $"Inconclusive: the baseline collapsed in all {n} seeds, but no arm prevented the collapse in every seed with a higher final PESQ" +
                (still.Count > 0 ? $" ({Names(still)} collapsed in every seed too)" : "") + ".",
                [], still.Select(a => a.Name).ToList(), [], ruledOut, evidence);
        }

        if (still.Count == 0)
        {
            return new CollapseCause(false,
                $"Inconclusive: {Names(preventing)} prevented the collapse in all {n} seeds, but no arm still collapsed, so the experiment does not " +
                "tell one cause from another (every change helped).", preventing.Select(a => a.Name).ToList(), [], [], [], evidence);
        }

        if (causes.Count == 0)
        {
            return new CollapseCause(false,
                $"Inconclusive: {Names(preventing)} prevented the collapse in all {n} seeds and {Names(still)} did not, but they test the same hypotheses.",
                preventing.Select(a => a.Name).ToList(), still.Select(a => a.Name).ToList(), [], ruledOut, evidence);
        }

        string headline = $"Cause: {string.Join(" and ", causes.Select(Title))}. The baseline collapsed in all {n} seeds; {Names(preventing)} " +
            $"collapsed in none of them and ended higher; {Names(still)} collapsed in every seed like the baseline" +
            (ruledOut.Count > 0 ? $", so {string.Join(" and ", ruledOut.Select(Title))} {(ruledOut.Count > 1 ? "are" : "is")} not the cause" : "") + ".";
        return new CollapseCause(true, headline, preventing.Select(a => a.Name).ToList(), still.Select(a => a.Name).ToList(), causes, ruledOut, evidence);
    }

    private static CollapseCause Inconclusive(string why, IReadOnlyList<string> evidence) =>
        new(false, "Inconclusive: " + why, [], [], [], [], evidence);

    private static string Title(string id) =>
        Perceptor.Diagnostics.Findings.Hypotheses.Find(id) is { } h ? $"{h.Id} ({h.Title})" : id;

    /// <summary>
    /// One baseline seed in a sentence: the PESQ peak, the onset, where the eval loss bottomed out against the peak, and
    /// the training loss from the peak to the end, which together tell overtraining from other collapses.
    /// </summary>
    public static string SeedEvidence(RunSummary run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var c = CultureInfo.InvariantCulture;
        string seed = run.Seed is { } s ? $"seed {s}" : run.Folder;
        if (run.BestPesq is not { } best || run.BestEpoch is not { } bestEpoch)
        {
            return $"{seed}: no evaluated epoch.";
        }

        var parts = new List<string>
        {
            string.Create(c, $"PESQ peaked at {best:0.000} (epoch {bestEpoch}) and ended at {run.FinalPesq:0.000} (epoch {run.FinalEpoch})"),
            run.Collapsed == true ? $"collapse from epoch {run.CollapseOnset}" : "no collapse",
        };
        if (run.EvalLoss.Count > 0)
        {
            var min = run.EvalLoss.MinBy(p => p.Value);
            double last = run.EvalLoss[^1].Value;
            parts.Add(string.Create(c, $"eval loss lowest at epoch {min.Epoch} ({min.Value:0.0000}), {last:0.0000} at the end ({(last - min.Value) / min.Value:+0%;-0%;0%})"));
        }

        var atPeak = run.TrainLoss.Where(p => p.Epoch == bestEpoch).Select(p => (double?)p.Value).FirstOrDefault();
        if (atPeak is { } peakLoss && run.TrainLoss.Count > 0 && run.TrainLoss[^1].Epoch > bestEpoch)
        {
            double end = run.TrainLoss[^1].Value;
            parts.Add(string.Create(c, $"training loss {peakLoss:0.0000} at the peak, {end:0.0000} at the end ({(end < peakLoss ? "still falling" : "not falling")})"));
        }

        return seed + ": " + string.Join("; ", parts) + ".";
    }
}
