using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Detectors;

/// <summary>
/// What a log says about discriminator steps: the skip rate and the saturated share, each exact, estimated from a
/// sample (with a 95 % interval) or bounded, and the raw counts behind them. A logged 0.0 is a skip only where the
/// source logs skips that way (<see cref="SkipEvidence.ExactZero"/>); a tiny non-zero loss is saturation, never a skip.
/// </summary>
public sealed record DiscAccounting
{
    /// <summary>One discriminator loss L_D = mean((D(c,c)-1)^2) + mean((D(c,x)-q)^2) with D in (0, 1) and q at most
    /// (4.64 - 1)/3.5: a single step cannot exceed 1 + 1.04^2.</summary>
    public const double MaxStepLoss = 2.0816;

    /// <summary>How the skip rate was obtained.</summary>
    public SkipRateBasis SkipBasis { get; init; } = SkipRateBasis.Unknown;

    /// <summary>The skip rate (exact or estimated); null when only bounds or nothing are known.</summary>
    public double? SkipRate { get; init; }

    /// <summary>Lower and upper bound (95 % interval for a sample; the rate itself when exact).</summary>
    public double? SkipLower { get; init; }

    /// <inheritdoc cref="SkipLower"/>
    public double? SkipUpper { get; init; }

    /// <summary>The counts behind the skip rate, when it comes from counts.</summary>
    public Proportion? Skips { get; init; }

    /// <summary>Logged steps whose skip state cannot be told (e.g. a rounded 0.0000).</summary>
    public long UnknownSteps { get; init; }

    /// <summary>Where the numbers come from, in words.</summary>
    public string SkipBasisText { get; init; } = "";

    /// <summary>How the saturated share was obtained.</summary>
    public SkipRateBasis SaturationBasis { get; init; } = SkipRateBasis.Unknown;

    /// <summary>Share of discriminator steps taken whose loss was below the saturation threshold.</summary>
    public double? SaturatedShare { get; init; }

    /// <summary>Bounds of the saturated share (95 % interval for a sample).</summary>
    public double? SaturatedLower { get; init; }

    /// <inheritdoc cref="SaturatedLower"/>
    public double? SaturatedUpper { get; init; }

    /// <summary>The counts behind the saturated share.</summary>
    public Proportion? Saturated { get; init; }

    /// <summary>Logged discriminator losses (any value) and how many of them are below the threshold, zeros included:
    /// a statistic easily mistaken for a skip count, since it counts saturated updates too.</summary>
    public long LoggedDiscLosses { get; init; }

    /// <inheritdoc cref="LoggedDiscLosses"/>
    public long LoggedBelowThreshold { get; init; }

    /// <summary>Median of the non-zero logged discriminator losses.</summary>
    public double? MedianTakenLoss { get; init; }

    /// <summary>Skip rates per epoch where the log allows.</summary>
    public IReadOnlyList<EpochDiscRate> PerEpoch { get; init; } = [];

    /// <summary>How the logged step lines are spaced (null when every step is logged or there are no counters).</summary>
    public StepSpacing? Spacing { get; init; }

    /// <summary>The estimate that reads fixed-decimal zeros as skips, where the log allows one.</summary>
    public RoundedZeroEstimate? ZeroEstimate { get; init; }

    /// <summary>For epoch averages: the smallest mean discriminator loss (skips entering as 0.0) and its epoch.</summary>
    public (int Epoch, double Mean)? LowestEpochMean { get; init; }

    /// <summary>Computes the accounting of <paramref name="run"/>.</summary>
    public static DiscAccounting From(RunData run, DiagnosisOptions options)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        double threshold = options.SaturationLoss;
        var logged = run.Steps.Where(s => s.DiscLoss is { } d && double.IsFinite(d)).ToList();
        var taken = logged.Where(s => s.DiscSkipped == false).ToList();
        var result = new DiscAccounting
        {
            LoggedDiscLosses = logged.Count,
            LoggedBelowThreshold = logged.Count(s => s.DiscLoss < threshold),
            MedianTakenLoss = Stats.Median(logged.Where(s => s.DiscLoss != 0).Select(s => s.DiscLoss!.Value)),
        };

        result = WithSaturation(result, run, taken, logged, threshold);

        if (run.DiscTally is { Batches: > 0 } tally)
        {
            var p = new Proportion(tally.Skipped, tally.Batches, Exact: true);
            return result with
            {
                SkipBasis = SkipRateBasis.Exact,
                SkipRate = p.Value,
                SkipLower = p.Value,
                SkipUpper = p.Value,
                Skips = p,
                SkipBasisText = $"counted over every batch in {tally.Basis}",
                PerEpoch = ExactPerEpoch(run),
            };
        }

        var known = run.Steps.Where(s => s.DiscSkipped is not null).ToList();
        long unknown = run.Steps.LongCount(s => s.DiscSkipped is null && s.DiscLoss is { } d && d == 0);
        if (known.Count + unknown > 0 && run.Source.SkipEvidence != SkipEvidence.None)
        {
            bool every = EveryStepLogged(run);
            // tqdm redraws are timed, not chosen: their spacing follows the speed of training, not the losses.
            bool timed = run.Source.Description.Contains("tqdm", StringComparison.OrdinalIgnoreCase);
            var spacing = every || timed ? null : StepSpacing.Of(run.Steps);
            double? effective = spacing is { Irregular: true } sp ? (known.Count + unknown) / sp.DesignEffect : null;
            var p = new Proportion(known.Count(s => s.DiscSkipped == true), known.Count + unknown, every) { EffectiveTotal = effective };
            string what = run.Source.SkipEvidence == SkipEvidence.Explicit ? "explicit skip flags" : "exact 0.0 disc losses";
            // Logged steps whose discriminator loss is blank or NaN say nothing either way: left out, but said so.
            long missing = run.Steps.LongCount(s => s.DiscSkipped is null && s.DiscLoss is not 0);
            string sample = (every ? $"every step logged ({Fmt.Int(p.Total)})"
                : $"{Fmt.Int(p.Total)} logged steps" +
                  (run.Settings.StepLogInterval is > 1 ? $", one every {Fmt.Int(run.Settings.StepLogInterval.Value)}" : "")) +
                (missing > 0 ? $"; {Fmt.Int(missing)} more logged steps without a discriminator loss value (blank or NaN) are left out" : "") +
                (spacing is { Irregular: true } irregular ? "; " + irregular.Text : "");
            var perEpoch = known.GroupBy(s => s.Epoch).OrderBy(g => g.Key)
                .Select(g => new EpochDiscRate(g.Key, new Proportion(g.Count(s => s.DiscSkipped == true), g.Count(), every)))
                .ToList();
            result = result with { Spacing = spacing };
            if (unknown > 0)
            {
                var high = new Proportion(p.Count + unknown, p.Total, every) { EffectiveTotal = effective };
                var bounded = result with
                {
                    SkipBasis = SkipRateBasis.Bounds,
                    SkipLower = p.Lower,
                    SkipUpper = high.Upper,
                    UnknownSteps = unknown,
                    SkipBasisText = $"{what} among {sample}; {Fmt.Int(unknown)} rounded zeros could be either",
                    PerEpoch = perEpoch,
                };
                return RoundedZeroEstimate.Of(logged, p.Count, unknown, p.Total, every, effective) is { } estimate
                    ? bounded with
                    {
                        SkipBasis = SkipRateBasis.Estimate,
                        SkipRate = estimate.Rate,
                        SkipLower = estimate.Lower,
                        SkipUpper = estimate.Upper,
                        SkipBasisText = $"{what} among {sample}; {estimate.Text}",
                        ZeroEstimate = estimate,
                    }
                    : bounded;
            }

            return result with
            {
                SkipBasis = every ? SkipRateBasis.Exact : SkipRateBasis.Sample,
                SkipRate = p.Value,
                SkipLower = p.Lower,
                SkipUpper = p.Upper,
                Skips = p,
                SkipBasisText = $"{what} among {sample}",
                PerEpoch = perEpoch,
            };
        }

        var means = run.Epochs.Where(e => e.TrainDiscLoss is { } m && double.IsFinite(m) && m >= 0).ToList();
        if (means.Count > 0)
        {
            return WithAverageBounds(result, means, options);
        }

        return result with { SkipBasisText = "the log has no discriminator loss per step or per epoch" };
    }

    private static DiscAccounting WithSaturation(DiscAccounting result, RunData run, List<StepPoint> taken,
        List<StepPoint> logged, double threshold)
    {
        if (run.DiscTally is { Saturated: { } saturated } tally && tally.Trained > 0)
        {
            var p = new Proportion(saturated, tally.Trained, Exact: true);
            return result with
            {
                SaturationBasis = SkipRateBasis.Exact,
                SaturatedShare = p.Value,
                SaturatedLower = p.Value,
                SaturatedUpper = p.Value,
                Saturated = p,
            };
        }

        long unknownZeros = logged.LongCount(s => s.DiscSkipped is null && s.DiscLoss == 0);
        if (taken.Count + unknownZeros == 0)
        {
            return result;
        }

        bool every = EveryStepLogged(run);
        var share = new Proportion(taken.Count(s => s.DiscLoss < threshold), taken.Count + unknownZeros, every);
        if (unknownZeros > 0)
        {
            // A rounded zero is either a skip (not a D step) or a loss far below the threshold.
            var low = new Proportion(share.Count, taken.Count, every);
            var high = new Proportion(share.Count + unknownZeros, share.Total, every);
            return result with
            {
                SaturationBasis = SkipRateBasis.Bounds,
                SaturatedLower = taken.Count > 0 ? low.Lower : 0,
                SaturatedUpper = high.Upper,
            };
        }

        return result with
        {
            SaturationBasis = every ? SkipRateBasis.Exact : SkipRateBasis.Sample,
            SaturatedShare = share.Value,
            SaturatedLower = share.Lower,
            SaturatedUpper = share.Upper,
            Saturated = share,
        };
    }

    // Epoch means of L_D with skipped steps entering as 0.0: mean = (1 - s) * (mean over taken steps). A floor f on
    // taken steps gives s >= 1 - mean/f; a ceiling M (largest step loss) gives s <= 1 - mean/M.
    private static DiscAccounting WithAverageBounds(DiscAccounting result, List<EpochPoint> means, DiagnosisOptions options)
    {
        double lowerSum = 0;
        double upperSum = 0;
        bool anyFloor = false;
        bool anyCeiling = false;
        foreach (var e in means)
        {
            double m = e.TrainDiscLoss!.Value;
            if (e.TrainDiscLossMin is > 0)
            {
                // The smallest logged step loss is above zero: no step of this epoch was logged as skipped.
                anyFloor = true;
                continue;
            }

            if (m == 0)
            {
                // Every taken step has a positive loss, so a mean of exactly zero means no step was taken.
                lowerSum += 1;
                upperSum += 1;
                continue;
            }

            double lower = 0;
            if (options.DiscLossFloor is { } floor && floor > 0)
            {
                lower = Math.Max(0, 1 - (m / floor));
                anyFloor = true;
            }

            double ceiling = e.TrainDiscLossMax is { } max && max > 0 ? max : MaxStepLoss;
            anyCeiling |= e.TrainDiscLossMax is > 0;
            lowerSum += lower;
            upperSum += Math.Clamp(1 - (m / ceiling), 0, 1);
        }

        var lowest = means.MinBy(e => e.TrainDiscLoss!.Value)!;
        string text = "only epoch averages of the discriminator loss; assuming skipped steps entered them as 0.0 " +
            "(as the reference returns them), the skip rate lies between the bounds " +
            (anyFloor ? "set by the per-step floor " : "") + (anyCeiling ? "and the largest step loss" : "(upper bound from the largest possible step loss)");
        return result with
        {
            SkipBasis = SkipRateBasis.Bounds,
            SkipLower = lowerSum / means.Count,
            SkipUpper = upperSum / means.Count,
            SkipBasisText = text,
            LowestEpochMean = (lowest.Epoch, lowest.TrainDiscLoss!.Value),
        };
    }

    // An interval of 1 inferred as the common divisor of the gaps also results from hand-picked counters (37, 212, 1500):
    // every step was logged only if the counters inside each epoch also run without gaps.
    private static bool EveryStepLogged(RunData run) =>
        run.Settings.StepLogInterval == 1 && StepSpacing.Of(run.Steps) is not { MaxGap: > 1 };

    private static List<EpochDiscRate> ExactPerEpoch(RunData run) => run.Epochs
        .Where(e => e.DiscSteps is not null && e.DiscSkipped is not null && e.DiscSteps + e.DiscSkipped > 0)
        .Select(e => new EpochDiscRate(e.Epoch, new Proportion(e.DiscSkipped!.Value, e.DiscSteps!.Value + e.DiscSkipped.Value, true)))
        .ToList();
}
