namespace Perceptor.Diagnostics.Detectors;

/// <summary>A share estimated from counts, with its 95 % Wilson score interval.</summary>
/// <param name="Count">Events counted.</param>
/// <param name="Total">Trials observed.</param>
/// <param name="Exact">True when every trial was observed (the share is a count, not an estimate).</param>
public sealed record Proportion(long Count, long Total, bool Exact)
{
    private const double Z = 1.959963984540054;

    /// <summary>The sample size the interval assumes, when smaller than <see cref="Total"/>: a set of lines that is not a
    /// regular sample carries less information than its count (Kish's effective sample size). Null uses the count.</summary>
    public double? EffectiveTotal { get; init; }

    /// <summary>The observed share.</summary>
    public double Value => Total > 0 ? (double)Count / Total : double.NaN;

    /// <summary>Lower end of the 95 % Wilson interval (the share itself when exact).</summary>
    public double Lower => Exact ? Value : Wilson(-1);

    /// <summary>Upper end of the 95 % Wilson interval (the share itself when exact).</summary>
    public double Upper => Exact ? Value : Wilson(+1);

    // Wilson (1927): the interval of p whose normal test at level z accepts the observed share; unlike the Wald
    // interval it stays inside [0, 1] and is usable at 0 or n events, which skip counts often are.
    private double Wilson(int sign)
    {
        if (Total == 0)
        {
            return double.NaN;
        }

        // At the edges the formula lands on 0 or 1 only up to rounding.
        if ((sign < 0 && Count == 0) || (sign > 0 && Count == Total))
        {
            return sign < 0 ? 0 : 1;
        }

        double n = EffectiveTotal is { } eff && eff > 0 ? Math.Min(eff, Total) : Total;
        double p = Value;
        double z2 = Z * Z;
        double centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        double half = Z / (1 + (z2 / n)) * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        return Math.Clamp(centre + (sign * half), 0, 1);
    }
}
