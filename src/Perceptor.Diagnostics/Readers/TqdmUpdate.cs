using System.Globalization;
using System.Text.RegularExpressions;

namespace Perceptor.Diagnostics.Readers;

/// <summary>
/// One redraw of a tqdm progress bar as it lands in a file. tqdm's default layout is
/// <c>{desc}: {percentage}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}&lt;{remaining}, {rate_fmt}{postfix}]</c>, e.g.
/// <c>Epoch 3:  45%|████▌     | 450/1000 [02:15&lt;02:45,  3.33it/s, gen_loss=0.123]</c> (the bar may be ASCII
/// <c>#</c>, the rate <c>s/it</c>); without a known total it is <c>{desc}: {n_fmt}{unit} [{elapsed}, {rate_fmt}{postfix}]</c>.
/// The postfix is what <c>set_postfix</c> (<c>key=value, ...</c>) or <c>set_postfix_str</c> (any text) set.
/// </summary>
/// <param name="Description">The description before the percentage, without tqdm's trailing <c>": "</c>.</param>
/// <param name="Counter">The counter <c>n</c> (iterations done); null when it is scaled (<c>1.2k</c>).</param>
/// <param name="Total">The total as printed; null for a bar without a known total.</param>
/// <param name="Postfix">The postfix text; empty when the bar has none.</param>
/// <param name="Closed">Whether the update ends with its closing bracket (false: it was cut off).</param>
/// <param name="Rest">Text after the closing bracket: a line printed while the bar was open lands there.</param>
internal sealed partial record TqdmUpdate(string Description, long? Counter, string? Total, string Postfix, bool Closed, string Rest)
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Singleline;

    // The counter pair "450/1000" after the bar; the percentage and the two bars make this unmistakable.
    [GeneratedRegex(@"^(?<desc>.*?)\d{1,3}%\|[^|]*\|\s*(?<n>[0-9.]+[kMGTPEZY]?)/(?<total>[0-9.]+[kMGTPEZY]?)\s*\[(?<stats>[^\]]*)(?<close>\])?(?<rest>.*)$", Options)]
    private static partial Regex WithTotalRegex();

    // No total: "450it [02:15, 3.33it/s, ...]"; the elapsed time and a rate ("/") make it a bar.
    [GeneratedRegex(@"^(?<desc>.*?)(?<n>\d+(?:\.\d+)?[kMGTPEZY]?)[A-Za-z]*\s\[(?<stats>(?:\d+d\s*)?\d+:\d\d(?::\d\d)?,[^\]/]*/[^\]]*)(?<close>\])?(?<rest>.*)$", Options)]
    private static partial Regex WithoutTotalRegex();

    // Inside the brackets: elapsed, "<remaining" where the total is known, the rate, then ", postfix".
    [GeneratedRegex(@"^[^<,]*(?:<[^,]*)?,[^,]*(?:,\s?(?<postfix>.*))?$", Options)]
    private static partial Regex StatsRegex();

    /// <summary>Reads <paramref name="segment"/> (one redraw, without \r and escapes) as a bar update, or null.</summary>
    public static TqdmUpdate? TryParse(string segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        Match m = WithTotalRegex().Match(segment);
        bool total = m.Success;
        if (!total)
        {
            m = WithoutTotalRegex().Match(segment);
            if (!m.Success)
            {
                return null;
            }
        }

        string stats = m.Groups["stats"].Value;
        Match s = StatsRegex().Match(stats);
        string postfix = s.Success ? s.Groups["postfix"].Value.Trim() : "";
        string n = m.Groups["n"].Value;
        long? counter = long.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out long c) ? c : null;
        string description = m.Groups["desc"].Value.TrimEnd().TrimEnd(':').Trim();
        return new TqdmUpdate(description, counter, total ? m.Groups["total"].Value : null, postfix,
            m.Groups["close"].Success, m.Groups["rest"].Value);
    }
}
