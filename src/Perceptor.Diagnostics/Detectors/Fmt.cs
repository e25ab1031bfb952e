using System.Globalization;

namespace Perceptor.Diagnostics.Detectors;

/// <summary>Number formatting for findings and reports (invariant culture, significant digits for losses).</summary>
internal static class Fmt
{
    /// <summary>PESQ with three decimals.</summary>
    public static string Pesq(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>A loss or other magnitude with three significant digits; scientific below 1e-3.</summary>
    public static string Num(double x)
    {
        if (double.IsNaN(x))
        {
            return "NaN";
        }

        if (double.IsInfinity(x))
        {
            return x > 0 ? "inf" : "-inf";
        }

        if (x == 0)
        {
            return "0";
        }

        double a = Math.Abs(x);
        if (a < 1e-3 || a >= 1e5)
        {
            return x.ToString("0.##e+0", CultureInfo.InvariantCulture);
        }

        int digits = Math.Max(0, 2 - (int)Math.Floor(Math.Log10(a)));
        return Math.Round(x, Math.Min(digits, 15)).ToString("0.#########", CultureInfo.InvariantCulture);
    }

    /// <summary>A share as a percentage with one decimal.</summary>
    public static string Pct(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>An interval of shares as percentages.</summary>
    public static string PctRange(double lower, double upper) => $"{Pct(lower)}-{Pct(upper)}";

    /// <summary>An integer.</summary>
    public static string Int(long x) => x.ToString(CultureInfo.InvariantCulture);
}
