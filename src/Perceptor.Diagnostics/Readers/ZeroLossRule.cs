using System.Globalization;

namespace Perceptor.Diagnostics.Readers;

/// <summary>
/// Decides which logged discriminator losses of zero are skipped steps. The reference code logs a skipped step as
/// exactly 0.0 (Python prints it "0.0"); any non-zero value is a real update. A zero printed with fixed decimals
/// ("0.0000") may instead be a real loss below the printing resolution: it counts as a skip only when no non-zero
/// loss of the log comes within a factor of 100 of that resolution, otherwise it stays unknown.
/// </summary>
internal static class ZeroLossRule
{
    private const double Margin = 100;

    /// <summary>Skip state per value (true skipped, false trained, null unknown or no value) and a note, if any.</summary>
    public static (bool?[] Skipped, string? Note) Classify(IReadOnlyList<(double? Value, string? Token)> losses)
    {
        ArgumentNullException.ThrowIfNull(losses);
        var result = new bool?[losses.Count];
        double minNonZero = double.PositiveInfinity;
        var tokens = new List<string>();
        foreach (var (value, token) in losses)
        {
            if (value is { } v && double.IsFinite(v) && token is not null)
            {
                tokens.Add(token);
                if (v != 0)
                {
                    minNonZero = Math.Min(minNonZero, Math.Abs(v));
                }
            }
        }

        // Every value printed with exactly one decimal: a format like "{:.1f}", where 0.0 hides anything below 0.05.
        bool oneDecimal = tokens.Count > 0 && tokens.All(t => Decimals(t) == 1);
        int roundedUnknown = 0;
        int roundedSkips = 0;
        int decimals = 0;
        for (int i = 0; i < losses.Count; i++)
        {
            var (value, token) = losses[i];
            if (value is not { } v || !double.IsFinite(v) || token is null)
            {
                continue;
            }

            if (v != 0)
            {
                result[i] = false;
                continue;
            }

            bool rounded = LogNumber.IsRoundedZero(token) || oneDecimal;
            if (!rounded)
            {
                result[i] = true;
                continue;
            }

            decimals = Math.Max(decimals, Decimals(token));
            double resolution = 0.5 * Math.Pow(10, -Decimals(token));
            if (minNonZero >= Margin * resolution && !double.IsPositiveInfinity(minNonZero))
            {
                result[i] = true;
                roundedSkips++;
            }
            else
            {
                roundedUnknown++;
            }
        }

        string? note = null;
        if (roundedUnknown > 0)
        {
            note = string.Create(CultureInfo.InvariantCulture,
                $"{roundedUnknown} discriminator losses are printed as a rounded zero (e.g. '{Zero(decimals)}'), and other logged " +
                $"losses come close to that rounding: each may be a skipped step or a tiny real loss, so they count as unknown.");
        }
        else if (roundedSkips > 0)
        {
            note = string.Create(CultureInfo.InvariantCulture,
                $"Discriminator losses are printed with {decimals} decimals; the {roundedSkips} zeros are read as skipped steps " +
                $"because no logged non-zero loss comes near the rounding (smallest {minNonZero.ToString("G3", CultureInfo.InvariantCulture)}).");
        }

        return (result, note);
    }

    private static int Decimals(string token)
    {
        string t = token.Trim();
        if (t.Contains('e', StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }

        int dot = t.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? 0 : t.Length - dot - 1;
    }

    private static string Zero(int decimals) => decimals <= 0 ? "0" : "0." + new string('0', decimals);
}
