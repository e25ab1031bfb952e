using System.Globalization;
using System.Text.RegularExpressions;

namespace Perceptor.Training.Rescore;

/// <summary>
/// Reads an epoch number from a checkpoint's file name, as the trainers people use write them: the CMGAN reference's
/// <c>CMGAN_epoch_7_0.105</c> (epoch, then the generator loss), Lightning's <c>epoch=7-step=500.ckpt</c>,
/// <c>gen_epoch_12.pth</c>, <c>epoch7</c>, <c>ep7</c>, <c>model-ep_04.pt</c>. The word must start a name part
/// (<c>step7</c> or <c>deep5</c> is no epoch); a step or iteration count is never taken for an epoch.
/// </summary>
public static partial class EpochNames
{
    /// <summary>The epoch the name <paramref name="fileName"/> states, or null when it states none.</summary>
    public static int? FromName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        string name = Path.GetFileName(fileName);
        foreach (var pattern in new[] { EpochWord(), EpShort() })
        {
            var match = pattern.Match(name);
            if (match.Success && int.TryParse(match.Groups["n"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int epoch))
            {
                return epoch;
            }
        }

        return null;
    }

    // "epoch" at the start of a name part, an optional separator, digits.
    [GeneratedRegex(@"(?:^|[^a-z])epoch[_=\-. ]?(?<n>\d{1,9})(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EpochWord();

    // "ep" at the start of a name part, directly or after one separator, then digits.
    [GeneratedRegex(@"(?:^|[^a-z])ep[_=\-]?(?<n>\d{1,9})(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EpShort();
}
