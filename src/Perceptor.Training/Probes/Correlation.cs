namespace Perceptor.Training.Probes;

/// <summary>Agreement measures between predictions and targets.</summary>
public static class Correlation
{
    /// <summary>Pearson's r; null when fewer than two pairs or either side has no variance.</summary>
    public static double? Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int n = Math.Min(x.Count, y.Count);
        if (n < 2)
        {
            return null;
        }

        double mx = 0, my = 0;
        for (int i = 0; i < n; i++)
        {
            mx += x[i];
            my += y[i];
        }

        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : null;
    }

    /// <summary>Mean absolute difference; null when empty.</summary>
    public static double? MeanAbsoluteError(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int n = Math.Min(x.Count, y.Count);
        if (n == 0)
        {
            return null;
        }

        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += Math.Abs(x[i] - y[i]);
        }

        return sum / n;
    }
}
