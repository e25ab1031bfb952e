namespace Perceptor.Diagnostics.Detectors;

/// <summary>Small statistics used by several detectors.</summary>
internal static class Stats
{
    /// <summary>Median of the finite values, null when there are none.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        int mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Mean of the finite values, null when there are none.</summary>
    public static double? Mean(IEnumerable<double> values)
    {
        double sum = 0;
        int n = 0;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                sum += v;
                n++;
            }
        }

        return n > 0 ? sum / n : null;
    }

    /// <summary>The value as a finite number, or null.</summary>
    public static double? Finite(double? x) => x is { } v && double.IsFinite(v) ? v : null;
}
