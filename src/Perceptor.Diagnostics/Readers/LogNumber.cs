using System.Globalization;

namespace Perceptor.Diagnostics.Readers;

/// <summary>Numbers as Python and spreadsheet tools print them.</summary>
internal static class LogNumber
{
    /// <summary>
    /// Parses a logged number: plain or scientific notation, <c>nan</c>/<c>inf</c> in any case, and a value printed
    /// as a PyTorch tensor (<c>tensor(0.0012</c>, the rest of the tensor text having been cut at the separator).
    /// </summary>
    public static bool TryParse(string token, out double value)
    {
        ArgumentNullException.ThrowIfNull(token);
        string t = Strip(token);
        if (t.Length == 0)
        {
            value = double.NaN;
            return false;
        }

        switch (t.ToLowerInvariant())
        {
            case "nan" or "+nan" or "-nan":
                value = double.NaN;
                return true;
            case "inf" or "+inf" or "infinity" or "+infinity":
                value = double.PositiveInfinity;
                return true;
            case "-inf" or "-infinity":
                value = double.NegativeInfinity;
                return true;
        }

        // Digits must lead (after a sign or point): "0x10", "1_000" and words are not numbers here.
        char first = t[0] is '+' or '-' && t.Length > 1 ? t[1] : t[0];
        if (!char.IsAsciiDigit(first) && first != '.')
        {
            value = double.NaN;
            return false;
        }

        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>True for the words that mean "no value" in CSV exports (empty, NA, None, null).</summary>
    public static bool IsMissing(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        string t = token.Trim().Trim('"').Trim();
        return t.Length == 0 || t.Equals("na", StringComparison.OrdinalIgnoreCase) ||
            t.Equals("n/a", StringComparison.OrdinalIgnoreCase) || t.Equals("none", StringComparison.OrdinalIgnoreCase) ||
            t.Equals("null", StringComparison.OrdinalIgnoreCase) || t == "-";
    }

    /// <summary>
    /// True when a zero was printed with two or more fixed decimals (<c>0.0000</c>): such a value may be a rounded
    /// tiny loss, not an exact zero. Python prints an exact 0.0 as <c>0.0</c>.
    /// </summary>
    public static bool IsRoundedZero(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        string t = Strip(token);
        if (t.Contains('e', StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        int dot = t.IndexOf('.', StringComparison.Ordinal);
        return dot >= 0 && t.Length - dot - 1 >= 2;
    }

    private static string Strip(string token)
    {
        string t = token.Trim().Trim('"', '\'').Trim();
        if (t.StartsWith("tensor(", StringComparison.OrdinalIgnoreCase))
        {
            t = t["tensor(".Length..];
        }

        return t.TrimEnd(')', ']').Trim();
    }
}
