using System.Globalization;
using System.Text;

namespace Perceptor.Diagnostics.Tests.Fixtures;

/// <summary>
/// A training log written through tqdm progress bars, rendered as tqdm writes them to a file: per epoch one line of
/// redraws separated by \r (<c>\rEpoch 3:  45%|####5     | 450/1000 [00:22&lt;00:28,  3.20it/s, gen_loss=0.2812,
/// disc_loss=0.0143]</c>), then the test line. Losses follow fixed rules so tests know every value.
/// </summary>
internal sealed class TqdmLog
{
    /// <summary>Eval PESQ per epoch: rises to 2.80 at epoch 5, 2.70 at epoch 6 (not yet 0.2 down), collapses from epoch 7.</summary>
    public static readonly double[] CollapsePesq = [2.55, 2.60, 2.65, 2.70, 2.75, 2.80, 2.70, 2.40, 2.20, 2.00, 1.80, 1.60];

    public double[] Pesq { get; init; } = CollapsePesq;

    public int FirstEpoch { get; init; }

    /// <summary>The bar's description for an epoch; empty for a bar without one.</summary>
    public Func<int, string> Description { get; init; } = e => $"Epoch {e}";

    public int Total { get; init; } = 1000;

    /// <summary>Counter advance between two redraws: 0, 100, ..., 1000 is 11 redraws an epoch.</summary>
    public int Every { get; init; } = 100;

    public bool Ascii { get; init; } = true;

    public bool SecondsPerIteration { get; init; }

    public string GenKey { get; init; } = "gen_loss";

    public string DiscKey { get; init; } = "disc_loss";

    /// <summary>How a value is printed in the postfix (the script's own '{:.4f}' by default).</summary>
    public Func<double, string> Format { get; init; } = x => x.ToString("F4", CultureInfo.InvariantCulture);

    /// <summary>The postfix of a redraw from its two printed values; null: set_postfix's "k=v, k=v".</summary>
    public Func<string, string, string>? PostfixText { get; init; }

    /// <summary>No postfix at all: a bar that shows progress only.</summary>
    public bool ProgressOnly { get; init; }

    /// <summary>End every redraw with \n instead of starting it with \r.</summary>
    public bool NewlinePerUpdate { get; init; }

    /// <summary>Colour the bar and move the cursor as tqdm does for position=1 under an outer bar.</summary>
    public bool Ansi { get; init; }

    public bool TestLines { get; init; } = true;

    /// <summary>Redraw indices within an epoch whose discriminator step was skipped (loss exactly zero).</summary>
    public IReadOnlySet<int> SkipAt { get; init; } = new HashSet<int> { 2, 7 };

    public int UpdatesPerEpoch => (Total / Every) + 1;

    public static double GenLoss(int epoch, int k) => 0.30 - (0.01 * epoch) + (0.0007 * (k % 5));

    public static double DiscLoss(int epoch, int k) => 0.0102 + (0.0009 * ((epoch + k) % 7));

    public double ShownDisc(int epoch, int k) => SkipAt.Contains(k) ? 0.0 : DiscLoss(epoch, k);

    public List<string> Lines()
    {
        var lines = new List<string>();
        for (int i = 0; i < Pesq.Length; i++)
        {
            int epoch = FirstEpoch + i;
            var bar = new StringBuilder();
            for (int k = 0; k < UpdatesPerEpoch; k++)
            {
                string update = Update(Description(epoch), k * Every, Total, ProgressOnly ? "" : Postfix(epoch, k));
                if (Ansi)
                {
                    update = "\u001b[32m" + update + "\u001b[0m\u001b[A";
                }

                if (NewlinePerUpdate)
                {
                    lines.Add(update);
                }
                else
                {
                    bar.Append('\r').Append(update);
                }
            }

            if (!NewlinePerUpdate)
            {
                lines.Add(bar.ToString());
            }

            if (TestLines)
            {
                lines.Add(Invariant($"Test Gen loss: {0.3 - (0.01 * i):F4}, Disc loss: 0.01, PESQ: {Pesq[i]:F3}"));
            }
        }

        return lines;
    }

    public string Postfix(int epoch, int k)
    {
        string gen = Format(GenLoss(epoch, k));
        string disc = Format(ShownDisc(epoch, k));
        return PostfixText is null ? $"{GenKey}={gen}, {DiscKey}={disc}" : PostfixText(gen, disc);
    }

    /// <summary>One redraw in tqdm's default layout (bar 10 wide, ASCII '#' with a digit for the partial cell, or blocks).</summary>
    public string Update(string description, int n, int total, string postfix)
    {
        double fraction = (double)n / total;
        int eighths = (int)(fraction * 80);
        int full = eighths / 8;
        var bar = new StringBuilder();
        bar.Append(Ascii ? '#' : '█', full);
        if (full < 10)
        {
            int part = eighths % 8;
            bar.Append(Ascii ? (part == 0 ? ' ' : (char)('0' + part)) : " ▏▎▍▌▋▊▉"[part]);
            bar.Append(' ', 9 - full);
        }

        int elapsed = n / 20;
        int remaining = (total - n) / 20;
        string rate = SecondsPerIteration ? "1.25s/it" : "3.20it/s";
        string prefix = description.Length > 0 ? description + ": " : "";
        return Invariant($"{prefix}{fraction * 100,3:F0}%|{bar}| {n}/{total} [{elapsed / 60:D2}:{elapsed % 60:D2}<{remaining / 60:D2}:{remaining % 60:D2}, {rate}") +
            (postfix.Length > 0 ? ", " + postfix : "") + "]";
    }

    public override string ToString() => string.Join("\n", Lines()) + "\n";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
