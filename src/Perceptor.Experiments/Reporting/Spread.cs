namespace Perceptor.Experiments.Reporting;

/// <summary>
/// A value across the seeds of one arm: count, mean, sample standard deviation (null below two values), range.
/// </summary>
public sealed record Spread(int N, double Mean, double? Sd, double Min, double Max)
{
    /// <summary>The spread of the finite values in <paramref name="values"/>, or null when there are none.</summary>
    public static Spread? Of(IEnumerable<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var v = values.Where(x => x is { } d && double.IsFinite(d)).Select(x => x!.Value).ToList();
        if (v.Count == 0)
        {
            return null;
        }

        double mean = v.Average();
        double? sd = null;
        if (v.Count > 1)
        {
            double ss = 0;
            foreach (double x in v)
            {
                ss += (x - mean) * (x - mean);
            }

            sd = Math.Sqrt(ss / (v.Count - 1));
        }

        return new Spread(v.Count, mean, sd, v.Min(), v.Max());
    }

    /// <summary>The spread of plain values.</summary>
    public static Spread? Of(IEnumerable<double> values) => Of(values.Select(v => (double?)v));
}
