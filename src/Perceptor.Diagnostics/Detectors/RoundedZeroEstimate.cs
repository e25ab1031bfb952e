using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Detectors;

/// <summary>
/// Skips estimated from discriminator losses printed with fixed decimals (<c>{:.6f}</c>), where a skip prints as
/// <c>0.000000</c> and so would a real loss below half the last digit. The rounding step follows from the decimals of
/// the non-zero losses. Real losses that round to zero are estimated from how many logged losses lie just above it:
/// a loss is a squared error, and for a squared error near zero P(L &lt; x) grows like √x, so of the losses within
/// 100 rounding steps about one in nine (1/(√100 - 1)) more lie below one step. The zeros beyond that are skips.
/// Given only when every non-zero loss lies at least 10 rounding steps up and the losses that could hide among the
/// zeros are at most a quarter of them; otherwise the zeros stay unknown and only bounds are given.
/// </summary>
/// <param name="Rate">Estimated skip rate.</param>
/// <param name="Lower">Lower bound: the zeros less the most real losses that could round to zero (95 %), then the
/// sampling interval.</param>
/// <param name="Upper">Upper bound: every zero a skip, then the sampling interval.</param>
/// <param name="RoundingStep">Half the last printed digit: a real loss below it prints as zero.</param>
/// <param name="SmallestLoss">Smallest non-zero logged loss.</param>
/// <param name="NearZero">Non-zero losses within <see cref="Window"/> rounding steps.</param>
/// <param name="ExpectedHidden">Real losses expected among the zeros.</param>
/// <param name="HiddenAtMost">At most this many (95 %).</param>
/// <param name="Zeros">Rounded zeros.</param>
public sealed record RoundedZeroEstimate(
    double Rate, double Lower, double Upper, double RoundingStep, double SmallestLoss, long NearZero, double ExpectedHidden,
    double HiddenAtMost, long Zeros)
{
    /// <summary>Rounding steps above zero within which logged losses are counted as "near".</summary>
    public const double Window = 100;

    /// <summary>How far above the rounding step every non-zero loss must lie for an estimate.</summary>
    public const double MinClearance = 10;

    /// <summary>The estimate and its caveat in words.</summary>
    public string Text =>
        FormattableString.Invariant($"{Zeros} rounded zeros ('{ZeroText}') read as skips: every non-zero logged loss lies at least ") +
        FormattableString.Invariant($"{Math.Floor(SmallestLoss / RoundingStep)}x the rounding step ({RoundingStep:G2}) up, and {NearZero} of them within ") +
        FormattableString.Invariant($"{Window:0}x, so about {ExpectedHidden:0.#} (at most {HiddenAtMost:0.#}) of the zeros are expected to be real losses ") +
        "that rounded to zero. Caveat: this assumes the losses thin out towards zero like a squared error's; a separate cluster " +
        "of real losses just below the printing resolution would be counted as skips. Log disc_loss at full precision to count exactly";

    private string ZeroText => "0." + new string('0', Math.Max(1, (int)Math.Round(-Math.Log10(RoundingStep * 2))));

    /// <summary>The estimate, or null when the log does not allow one.</summary>
    /// <param name="logged">Logged steps with a finite discriminator loss.</param>
    /// <param name="knownSkips">Steps known to be skipped.</param>
    /// <param name="zeros">Rounded zeros of unknown state.</param>
    /// <param name="total">Steps counted (known and unknown).</param>
    /// <param name="every">True when every step was logged.</param>
    /// <param name="effectiveTotal">Sample size the interval assumes, when smaller than the count.</param>
    public static RoundedZeroEstimate? Of(IReadOnlyList<StepPoint> logged, long knownSkips, long zeros, long total, bool every,
        double? effectiveTotal)
    {
        ArgumentNullException.ThrowIfNull(logged);
        var nonZero = logged.Where(s => s.DiscLoss is { } d && d != 0 && double.IsFinite(d)).Select(s => Math.Abs(s.DiscLoss!.Value)).ToList();
        if (zeros <= 0 || total <= 0 || nonZero.Count == 0 || Decimals(nonZero) is not { } decimals)
        {
            return null;
        }

        double step = 0.5 * Math.Pow(10, -decimals);
        double smallest = nonZero.Min();
        long near = nonZero.LongCount(v => v <= Window * step);
        double factor = 1 / (Math.Sqrt(Window) - 1);
        double expected = near * factor;
        // A Poisson upper 95 % bound on the count near zero, then scaled the same way.
        double atMost = (near + 2 + (1.96 * Math.Sqrt(near + 1))) * factor;
        if (smallest < MinClearance * step || atMost > 0.25 * zeros)
        {
            return null;
        }

        double skips = knownSkips + Math.Max(0, zeros - expected);
        var rate = new Proportion((long)Math.Round(skips), total, every) { EffectiveTotal = effectiveTotal };
        var low = new Proportion(knownSkips + (long)Math.Floor(Math.Max(0, zeros - atMost)), total, every) { EffectiveTotal = effectiveTotal };
        var high = new Proportion(knownSkips + zeros, total, every) { EffectiveTotal = effectiveTotal };
        return new RoundedZeroEstimate(skips / total, low.Lower, high.Upper, step, smallest, near, expected, atMost, zeros);
    }

    // Decimals of a fixed format: the most any non-zero value needs (0.004800 parses as 0.0048, but among many losses
    // some use every digit). Null when the values look like full-precision floats rather than a fixed format.
    private static int? Decimals(List<double> values)
    {
        int most = 0;
        foreach (double v in values)
        {
            if (v >= 1e15 || v < 1e-12)
            {
                return null;
            }

            decimal d = decimal.Round((decimal)v, 12) / 1.000000000000000000000000000000000m;
            int scale = (decimal.GetBits(d)[3] >> 16) & 0xFF;
            most = Math.Max(most, scale);
        }

        return most is >= 1 and <= 9 ? most : null;
    }
}
