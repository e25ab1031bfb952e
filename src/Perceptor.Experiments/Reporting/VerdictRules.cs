using System.Globalization;
using Perceptor.Diagnostics.Findings;
using Perceptor.Experiments.Arms;

namespace Perceptor.Experiments.Reporting;

/// <summary>
/// Turns arm summaries into verdicts. The primary number is the final eval PESQ (where a late collapse shows), each
/// arm against the baseline. When both arms ran the same seeds (two or more), the comparison is paired by seed: a
/// seed fixes the initial weights and the crop order in every arm, so the per-seed difference removes what the seed
/// does to both and leaves what the arm changes. A difference then counts only when its mean is at least
/// <see cref="VerdictOptions.MinEffect"/>, larger than <see cref="VerdictOptions.SpreadFactor"/> standard deviations
/// of the per-seed differences, and every seed moves the same way. Without shared seeds the arms are compared as
/// independent samples: at least the minimum effect, beyond the spread factor times the larger of the two arms' seed
/// standard deviations, and the seed ranges do not overlap. One seed is always inconclusive: there is no spread to
/// judge against. Mechanism numbers (skip rates, calibration, GAN share, collapses) are reported as evidence beside it.
/// </summary>
public static class VerdictRules
{
    /// <summary>Compares <paramref name="arm"/> with <paramref name="baseline"/> on final eval PESQ.</summary>
    public static ArmComparison Compare(ArmSummary baseline, ArmSummary arm, VerdictOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(arm);
        options ??= new VerdictOptions();
        var b = baseline.FinalPesq;
        var a = arm.FinalPesq;
        if (a is null || b is null)
        {
            string missing = a is null && b is null ? $"neither {arm.Name} nor the baseline" : a is null ? arm.Name : "the baseline";
            return new ArmComparison(arm.Name, VerdictKind.Inconclusive, null, null, 0, $"{missing} has no evaluated epoch yet.");
        }

        double delta = a.Mean - b.Mean;
        int n = Math.Min(a.N, b.N);
        string means = $"{arm.Name} ends at {P(a.Mean)}{Sd(a)}, the baseline at {P(b.Mean)}{Sd(b)} (Δ {D(delta)}";
        if (n < 2)
        {
            return new ArmComparison(arm.Name, VerdictKind.Inconclusive, delta, null, n,
                $"{means}, {n} seed): a single seed gives no spread to judge the difference against; run more seeds (e.g. --seeds 1,2,3).");
        }

        var paired = PairedDifferences(baseline, arm);
        if (paired.Count >= 2)
        {
            return ComparePaired(arm.Name, a, b, paired, options);
        }

        double spread = Math.Max(a.Sd ?? 0, b.Sd ?? 0);
        double noise = options.SpreadFactor * spread;
        bool overlap = a.Min <= b.Max && b.Min <= a.Max;
        string basis = $"{means} over {n} seeds; seed spread ±{P(spread)}";
        if (Math.Abs(delta) >= options.MinEffect && Math.Abs(delta) > noise && !overlap)
        {
            return delta > 0
                ? new ArmComparison(arm.Name, VerdictKind.Supported, delta, noise, n,
                    $"{basis}): better by more than {F(options.SpreadFactor)}× the seed spread, and no seed of one arm reaches the other.")
                : new ArmComparison(arm.Name, VerdictKind.Contradicted, delta, noise, n,
                    $"{basis}): worse by more than {F(options.SpreadFactor)}× the seed spread, and no seed of one arm reaches the other.");
        }

        if (Math.Abs(delta) + noise < options.MinEffect)
        {
            return new ArmComparison(arm.Name, VerdictKind.NotSupported, delta, noise, n,
                $"{basis}): even allowing for the spread, any effect is below {P(options.MinEffect)} PESQ.");
        }

        string why = Math.Abs(delta) < options.MinEffect
            ? $"the difference is below {P(options.MinEffect)} PESQ but the spread is too wide to rule out an effect"
            : Math.Abs(delta) <= noise ? $"the difference is within {F(options.SpreadFactor)}× the seed spread"
            : "the seeds of the two arms overlap";
        return new ArmComparison(arm.Name, VerdictKind.Inconclusive, delta, noise, n, $"{basis}): {why}.");
    }

    /// <summary>
    /// Final PESQ of <paramref name="arm"/> minus the baseline's for every seed that both ran to an evaluated epoch,
    /// in seed order; empty when a run of either arm has no seed recorded or a seed appears twice.
    /// </summary>
    private static List<(long Seed, double Delta)> PairedDifferences(ArmSummary baseline, ArmSummary arm)
    {
        static Dictionary<long, double>? BySeed(ArmSummary s)
        {
            var map = new Dictionary<long, double>();
            foreach (var r in s.Runs)
            {
                if (r.Seed is not { } seed || map.ContainsKey(seed))
                {
                    return null;
                }

                if (r.FinalPesq is { } f && double.IsFinite(f))
                {
                    map[seed] = f;
                }
            }

            return map;
        }

        var b = BySeed(baseline);
        var a = BySeed(arm);
        if (a is null || b is null)
        {
            return [];
        }

        return a.Keys.Where(b.ContainsKey).Order().Select(seed => (seed, a[seed] - b[seed])).ToList();
    }

    private static ArmComparison ComparePaired(string name, Spread a, Spread b, List<(long Seed, double Delta)> paired, VerdictOptions options)
    {
        var d = Spread.Of(paired.Select(p => p.Delta))!;
        double delta = d.Mean;
        double noise = options.SpreadFactor * (d.Sd ?? 0);
        bool sameWay = paired.All(p => Math.Sign(p.Delta) == Math.Sign(delta) && p.Delta != 0);
        string perSeed = string.Join(", ", paired.Select(p => $"seed {p.Seed.ToString(CultureInfo.InvariantCulture)} {D(p.Delta)}"));
        string basis = $"{name} ends at {P(a.Mean)}{Sd(a)}, the baseline at {P(b.Mean)}{Sd(b)}; paired by seed, Δ {D(delta)} " +
            $"over {paired.Count} seeds ({perSeed}; spread of the differences ±{P(d.Sd ?? 0)}";
        if (Math.Abs(delta) >= options.MinEffect && Math.Abs(delta) > noise && sameWay)
        {
            return delta > 0
                ? new ArmComparison(name, VerdictKind.Supported, delta, noise, paired.Count,
                    $"{basis}): better on every seed, by more than {F(options.SpreadFactor)}× the spread of the differences.", Paired: true)
                : new ArmComparison(name, VerdictKind.Contradicted, delta, noise, paired.Count,
                    $"{basis}): worse on every seed, by more than {F(options.SpreadFactor)}× the spread of the differences.", Paired: true);
        }

        if (Math.Abs(delta) + noise < options.MinEffect && paired.All(p => Math.Abs(p.Delta) < options.MinEffect))
        {
            return new ArmComparison(name, VerdictKind.NotSupported, delta, noise, paired.Count,
                $"{basis}): every seed moves by less than {P(options.MinEffect)} PESQ, and so does the mean allowing for the spread.", Paired: true);
        }

        string why = Math.Abs(delta) < options.MinEffect
            ? $"the mean difference is below {P(options.MinEffect)} PESQ but the seeds disagree too much to rule out an effect"
            : Math.Abs(delta) <= noise ? $"the difference is within {F(options.SpreadFactor)}× the spread of the differences"
            : "not every seed moves the same way";
        return new ArmComparison(name, VerdictKind.Inconclusive, delta, noise, paired.Count, $"{basis}): {why}.", Paired: true);
    }

    /// <summary>A verdict on every hypothesis H1-H7, with the arms that test each.</summary>
    public static IReadOnlyList<ExperimentVerdict> Judge(ArmSummary baseline, IReadOnlyList<ArmSummary> arms, VerdictOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(arms);
        options ??= new VerdictOptions();
        var verdicts = new List<ExperimentVerdict>();
        foreach (var hypothesis in Hypotheses.All)
        {
            var testing = arms.Where(a => !a.IsBaseline && a.Hypotheses.Contains(hypothesis.Id, StringComparer.OrdinalIgnoreCase)).ToList();
            if (testing.Count == 0)
            {
                verdicts.Add(new ExperimentVerdict(hypothesis, VerdictKind.NotTested,
                    $"Not tested by this experiment; tested by {hypothesis.TestedBy}.", [], [], []));
                continue;
            }

            var comparisons = testing.Select(a => Compare(baseline, a, options)).ToList();
            var kind = Combine(comparisons.Select(c => c.Kind).ToList());
            verdicts.Add(new ExperimentVerdict(hypothesis, kind, Summary(hypothesis, kind, comparisons),
                comparisons, Evidence(hypothesis, baseline, testing), Caveats(hypothesis, baseline, testing, options)));
        }

        return verdicts;
    }

    private static VerdictKind Combine(IReadOnlyList<VerdictKind> kinds)
    {
        bool supported = kinds.Contains(VerdictKind.Supported);
        bool contradicted = kinds.Contains(VerdictKind.Contradicted);
        if (supported && contradicted)
        {
            return VerdictKind.Inconclusive;
        }

        if (supported)
        {
            return VerdictKind.Supported;
        }

        if (contradicted)
        {
            return VerdictKind.Contradicted;
        }

        return kinds.All(k => k == VerdictKind.NotSupported) ? VerdictKind.NotSupported : VerdictKind.Inconclusive;
    }

    private static string Summary(Hypothesis h, VerdictKind kind, IReadOnlyList<ArmComparison> comparisons)
    {
        string Arms(VerdictKind k) => string.Join(", ", comparisons.Where(c => c.Kind == k).Select(c => c.Arm));
        return kind switch
        {
            VerdictKind.Supported => $"Supported: {Arms(VerdictKind.Supported)} ends with a higher eval PESQ than the baseline, beyond the seed-to-seed variation.",
            VerdictKind.Contradicted => $"Contradicted: {Arms(VerdictKind.Contradicted)} ends with a lower eval PESQ than the baseline, beyond the seed-to-seed variation.",
            VerdictKind.NotSupported => "Not supported: no arm changes the final eval PESQ by a meaningful amount, and the seed-to-seed variation is small enough to tell.",
            _ when comparisons.Any(c => c.Kind == VerdictKind.Supported) && comparisons.Any(c => c.Kind == VerdictKind.Contradicted) =>
                $"Inconclusive: the arms disagree ({Arms(VerdictKind.Supported)} better, {Arms(VerdictKind.Contradicted)} worse).",
            _ when comparisons.Any(c => c.Delta is null) => "Inconclusive: not every arm has an evaluated epoch yet.",
            _ when comparisons.All(c => c.Seeds < 2) => "Inconclusive: one seed per arm, so no difference can be told from seed-to-seed variation.",
            _ => "Inconclusive: the differences are not larger than the seed-to-seed variation.",
        };
    }

    private static List<string> Evidence(Hypothesis h, ArmSummary baseline, IReadOnlyList<ArmSummary> arms)
    {
        var list = new List<string>();
        var all = new[] { baseline }.Concat(arms).ToList();
        list.Add("Collapse: " + string.Join("; ", all.Select(CollapseText)) + ".");
        switch (h.Id)
        {
            case "H1":
                list.Add("Discriminator steps skipped: " + string.Join("; ", all.Select(a => $"{a.Name} {Pct(a.SkipRate)}")) + ".");
                list.Add("PESQ failures per clip: " + string.Join("; ", all.Select(a => $"{a.Name} {Pct(a.ClipFailureRate)}")) + ".");
                break;
            case "H2":
                list.Add("Calibration MAE at the end (|D(clean, enhanced) - normalised PESQ|, lower is better): " +
                    string.Join("; ", all.Select(a => $"{a.Name} {Num(a.CalibrationMae)}")) + ".");
                list.Add("Saturated discriminator steps (loss < 1e-3): " + string.Join("; ", all.Select(a => $"{a.Name} {Pct(a.SaturatedShare)}")) + ".");
                break;
            case "H3":
                list.Add("GAN share of the generator gradient: " + string.Join("; ", all.Select(a => $"{a.Name} {Pct(a.GanShare)}")) + ".");
                break;
            case "H6" or "H7":
                list.Add("Batch size: " + string.Join("; ", all.Select(a =>
                    $"{a.Name} {string.Join("/", a.Runs.Select(r => r.BatchSize).Where(x => x is not null).Distinct().DefaultIfEmpty(null).Select(x => x?.ToString(CultureInfo.InvariantCulture) ?? "n/a"))}")) + ".");
                break;
        }

        list.Add("Best eval PESQ (epoch): " + string.Join("; ", all.Select(a =>
            $"{a.Name} {(a.BestPesq is { } s ? P(s.Mean) + Sd(s) : "n/a")}{(a.BestEpoch is { } e ? $" (epoch {F(e.Mean)})" : "")}")) + ".");
        return list;
    }

    private static List<string> Caveats(Hypothesis h, ArmSummary baseline, IReadOnlyList<ArmSummary> arms, VerdictOptions options)
    {
        var list = new List<string>();
        if (baseline.CollapseJudged > 0 && baseline.Collapsed == 0)
        {
            int epochs = baseline.Runs.Max(r => r.FinalEpoch ?? 0);
            list.Add($"The baseline did not collapse within {epochs} epoch(s), so no arm can show that it prevents a collapse; this compares PESQ levels only.");
        }

        if (h.Id == "H1" && baseline.SkipRate is { } skip && skip.Mean < options.MinBaselineSkipRate)
        {
            list.Add($"The baseline skipped only {Pct(skip)} of its discriminator steps, so on this data there was little for a fix of skipping to change.");
        }

        var all = new[] { baseline }.Concat(arms).ToList();
        int unfinished = all.Sum(a => a.Runs.Count(r => r.Progress is not (Running.RunProgress.Completed or Running.RunProgress.EarlyStopped)));
        if (unfinished > 0)
        {
            list.Add($"{unfinished} run(s) have not finished; their numbers are from the epochs done so far.");
        }

        var finals = all.SelectMany(a => a.Runs).Where(r => r.FinalEpoch is not null).Select(r => r.FinalEpoch!.Value).Distinct().ToList();
        if (finals.Count > 1)
        {
            list.Add($"The runs' last evaluated epochs differ ({string.Join(", ", finals.Order())}); final PESQ is compared at different points of training.");
        }

        var missingSeeds = arms.Where(a => a.Runs.Count != baseline.Runs.Count).Select(a => a.Name).ToList();
        if (missingSeeds.Count > 0)
        {
            list.Add($"Not every arm has the baseline's {baseline.Runs.Count} seed(s): {string.Join(", ", missingSeeds)}.");
        }

        return list;
    }

    private static string CollapseText(ArmSummary a) => a.CollapseJudged == 0
        ? $"{a.Name} n/a"
        : $"{a.Name} {a.Collapsed}/{a.CollapseJudged}" + (a.CollapseOnsets.Count > 0 ? $" (onset epoch {string.Join(", ", a.CollapseOnsets)})" : "");

    internal static string P(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);

    internal static string D(double v) => v.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);

    internal static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    internal static string Sd(Spread s) => s.Sd is { } sd ? $" ± {P(sd)}" : "";

    internal static string Pct(Spread? s) => s is null ? "n/a" : s.Mean.ToString("0.0%", CultureInfo.InvariantCulture) +
        (s.Sd is { } sd ? " ± " + sd.ToString("0.0%", CultureInfo.InvariantCulture) : "");

    internal static string Num(Spread? s) => s is null ? "n/a" : P(s.Mean) + Sd(s);
}
