using Perceptor.Experiments.Reporting;

namespace Perceptor.Experiments.Tests.Reporting;

public sealed class VerdictRulesTests
{
    private static RunSummary Run(string arm, long seed, double final, double? skip = null, bool collapsed = false) => new()
    {
        Arm = arm,
        Seed = seed,
        Folder = $"{arm}/seed-{seed}",
        Progress = Perceptor.Experiments.Running.RunProgress.Completed,
        EvalPesq = [(1, final + 0.3), (10, final)],
        BestPesq = final + 0.3,
        BestEpoch = 1,
        FinalPesq = final,
        FinalEpoch = 10,
        Collapsed = collapsed,
        CollapseOnset = collapsed ? 7 : null,
        SkipRate = skip,
    };

    private static ArmSummary Arm(string name, string? hypothesis, params double[] finals) => ArmFromSeed(name, hypothesis, 1, finals);

    // Seeds firstSeed, firstSeed + 1, ...: arms given different first seeds share none, so they compare unpaired.
    private static ArmSummary ArmFromSeed(string name, string? hypothesis, long firstSeed, params double[] finals) => new()
    {
        Name = name,
        IsBaseline = hypothesis is null,
        Hypotheses = hypothesis is null ? [] : [hypothesis],
        Runs = finals.Select((f, i) => Run(name, firstSeed + i, f, skip: hypothesis is null ? 0.4 : 0.0, collapsed: hypothesis is null)).ToList(),
    };

    [Fact]
    public void One_seed_is_inconclusive_however_large_the_difference()
    {
        var c = VerdictRules.Compare(Arm("baseline", null, 2.0), Arm("mask", "H1", 2.6));
        Assert.Equal(VerdictKind.Inconclusive, c.Kind);
        Assert.Equal(0.6, c.Delta!.Value, 9);
        Assert.Contains("single seed", c.Sentence);
    }

    [Fact]
    public void A_difference_beyond_the_seed_spread_supports_the_hypothesis()
    {
        var baseline = Arm("baseline", null, 2.10, 2.12, 2.08);
        var mask = ArmFromSeed("mask", "H1", 11, 2.40, 2.43, 2.37);
        var c = VerdictRules.Compare(baseline, mask);

        Assert.Equal(VerdictKind.Supported, c.Kind);
        Assert.False(c.Paired);
        Assert.Equal(3, c.Seeds);
        Assert.Equal(0.30, c.Delta!.Value, 9);
        Assert.Equal(2 * 0.03, c.Noise!.Value, 9);
        Assert.Contains("+0.300", c.Sentence);
    }

    [Fact]
    public void A_worse_arm_beyond_the_spread_contradicts()
    {
        var c = VerdictRules.Compare(Arm("baseline", null, 2.10, 2.12, 2.08), Arm("gan-weight=0.3", "H3", 1.80, 1.83, 1.77));
        Assert.Equal(VerdictKind.Contradicted, c.Kind);
    }

    [Fact]
    public void Overlapping_seeds_are_inconclusive_even_when_the_means_differ()
    {
        var c = VerdictRules.Compare(Arm("baseline", null, 2.0, 2.4), Arm("mask", "H1", 2.3, 2.5));
        Assert.Equal(VerdictKind.Inconclusive, c.Kind);
        Assert.Contains("within", c.Sentence);
    }

    [Fact]
    public void A_tiny_difference_with_a_tight_spread_is_no_effect()
    {
        var c = VerdictRules.Compare(Arm("baseline", null, 2.100, 2.105, 2.095), Arm("disc-lr=5e-4", "H2", 2.105, 2.110, 2.100));
        Assert.Equal(VerdictKind.NotSupported, c.Kind);
    }

    [Fact]
    public void A_tiny_difference_with_a_wide_spread_stays_inconclusive_without_shared_seeds()
    {
        var c = VerdictRules.Compare(Arm("baseline", null, 2.0, 2.2, 2.1), ArmFromSeed("disc-lr=5e-4", "H2", 11, 2.01, 2.21, 2.11));
        Assert.Equal(VerdictKind.Inconclusive, c.Kind);
        Assert.Contains("too wide to rule out", c.Sentence);
    }

    [Fact]
    public void Shared_seeds_are_compared_seed_by_seed()
    {
        // The seeds spread the arms by 0.4 PESQ, but every seed gains 0.1 with the arm: unpaired this would be
        // inconclusive, paired it is a clear effect.
        var baseline = Arm("baseline", null, 2.0, 2.4, 2.2);
        var mask = Arm("mask", "H1", 2.10, 2.51, 2.29);
        var c = VerdictRules.Compare(baseline, mask);

        Assert.True(c.Paired);
        Assert.Equal(VerdictKind.Supported, c.Kind);
        Assert.Equal(0.10, c.Delta!.Value, 9);
        Assert.Equal(3, c.Seeds);
        Assert.Equal(2 * 0.01, c.Noise!.Value, 9);
        Assert.Contains("paired by seed", c.Sentence);
        Assert.Contains("seed 2 +0.110", c.Sentence);
        var unpaired = VerdictRules.Compare(baseline, ArmFromSeed("mask", "H1", 11, 2.10, 2.51, 2.29));
        Assert.Equal(VerdictKind.Inconclusive, unpaired.Kind);
    }

    [Fact]
    public void A_tiny_paired_difference_is_no_effect_however_wide_the_seed_spread()
    {
        var c = VerdictRules.Compare(Arm("baseline", null, 2.0, 2.2, 2.1), Arm("disc-lr=5e-4", "H2", 2.01, 2.21, 2.11));
        Assert.True(c.Paired);
        Assert.Equal(VerdictKind.NotSupported, c.Kind);
        Assert.Contains("every seed moves by less than 0.050", c.Sentence);
    }

    [Fact]
    public void A_paired_effect_needs_every_seed_to_move_the_same_way()
    {
        var baselineFinals = Enumerable.Repeat(2.0, 10).ToArray();
        var armFinals = Enumerable.Repeat(2.3, 9).Append(1.999).ToArray();
        var c = VerdictRules.Compare(Arm("baseline", null, baselineFinals), Arm("gan-weight=0.2", "H3", armFinals));

        Assert.True(c.Paired);
        Assert.True(Math.Abs(c.Delta!.Value) > c.Noise!.Value, "the mean alone would pass");
        Assert.Equal(VerdictKind.Inconclusive, c.Kind);
        Assert.Contains("not every seed moves the same way", c.Sentence);
    }

    [Fact]
    public void Pairing_uses_only_the_seeds_both_arms_ran()
    {
        var baseline = Arm("baseline", null, 2.0, 2.4, 2.2);
        var arm = ArmFromSeed("mask", "H1", 2, 2.5, 2.3);
        var c = VerdictRules.Compare(baseline, arm);

        Assert.True(c.Paired);
        Assert.Equal(2, c.Seeds);
        Assert.Equal(0.10, c.Delta!.Value, 9);
        Assert.DoesNotContain("seed 1 ", c.Sentence);
    }

    [Fact]
    public void Every_hypothesis_gets_a_verdict_and_untested_ones_say_which_arm_would_test_them()
    {
        var baseline = Arm("baseline", null, 2.10, 2.12, 2.08);
        var arms = new[] { baseline, Arm("mask", "H1", 2.40, 2.43, 2.37), Arm("batch-mean", "H1", 2.09, 2.14, 2.05) };
        var verdicts = VerdictRules.Judge(baseline, arms);

        Assert.Equal(["H1", "H2", "H3", "H4", "H5", "H6", "H7"], verdicts.Select(v => v.Hypothesis.Id));
        var h1 = verdicts[0];
        Assert.Equal(VerdictKind.Supported, h1.Kind);
        Assert.Equal(["mask", "batch-mean"], h1.Comparisons.Select(c => c.Arm));
        Assert.Contains("mask", h1.Summary);
        Assert.Contains(h1.Evidence, e => e.StartsWith("Discriminator steps skipped: baseline 40.0%", StringComparison.Ordinal));
        Assert.Contains(h1.Evidence, e => e.Contains("baseline 3/3 (onset epoch 7, 7, 7)"));
        Assert.Equal(VerdictKind.NotTested, verdicts[1].Kind);
        Assert.Contains("disc-lr", verdicts[1].Summary);
        Assert.Equal(VerdictKind.NotTested, verdicts[4].Kind);
    }

    [Fact]
    public void Arms_that_disagree_make_the_hypothesis_inconclusive()
    {
        var baseline = Arm("baseline", null, 2.10, 2.12, 2.08);
        var verdict = VerdictRules.Judge(baseline, [baseline, Arm("mask", "H1", 2.40, 2.43, 2.37), Arm("batch-mean", "H1", 1.70, 1.72, 1.68)])[0];
        Assert.Equal(VerdictKind.Inconclusive, verdict.Kind);
        Assert.Contains("disagree", verdict.Summary);
    }

    [Fact]
    public void Caveats_say_when_the_baseline_never_collapsed_or_hardly_skipped()
    {
        var calm = new ArmSummary
        {
            Name = "baseline",
            IsBaseline = true,
            Runs = [Run("baseline", 1, 2.1, skip: 0.005), Run("baseline", 2, 2.1, skip: 0.01)],
        };
        var verdict = VerdictRules.Judge(calm, [calm, Arm("mask", "H1", 2.1, 2.1)])[0];
        Assert.Contains(verdict.Caveats, c => c.Contains("did not collapse within 10 epoch(s)"));
        Assert.Contains(verdict.Caveats, c => c.Contains("skipped only 0.8%"));
    }
}
