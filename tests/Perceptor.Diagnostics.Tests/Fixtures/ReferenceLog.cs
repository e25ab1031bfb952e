using System.Globalization;
using System.Text;

namespace Perceptor.Diagnostics.Tests.Fixtures;

/// <summary>
/// Hand-made text logs in the CMGAN reference format (and the user's patched form with PESQ on the test line).
/// Numbers are chosen to resemble the user's report: epochs 0-16, eval PESQ 2.45 → 2.64 at epoch 2, flat to epoch 6,
/// then 2.0-2.2; train loss 0.162 → 0.121, test loss 0.116 → 0.102, disc loss 0.0136 → 0.0048.
/// </summary>
internal sealed class ReferenceLog
{
    /// <summary>The user's eval PESQ per epoch (epochs 0-16).</summary>
    public static readonly double[] CollapsePesq =
        [2.45, 2.58, 2.64, 2.55, 2.60, 2.52, 2.57, 2.18, 2.10, 2.05, 2.15, 2.08, 2.12, 2.02, 2.20, 2.11, 2.15];

    /// <summary>A run that improves and plateaus without collapsing.</summary>
    public static readonly double[] HealthyPesq =
        [2.45, 2.60, 2.71, 2.80, 2.86, 2.90, 2.95, 2.97, 3.01, 3.00, 3.04, 3.06, 3.05, 3.08, 3.10, 3.09, 3.11];

    public double[] Pesq { get; init; } = CollapsePesq;

    /// <summary>Steps per epoch (11 000 ≈ batch 1 on VoiceBank as in the user's logs) and the logging interval.</summary>
    public int StepsPerEpoch { get; init; } = 11000;

    public int Interval { get; init; } = 500;

    /// <summary>Share of logged steps whose discriminator step was skipped (logged as exactly 0.0).</summary>
    public double SkipShare { get; init; }

    /// <summary>Share of logged steps with a tiny non-zero discriminator loss (1e-6 .. 9e-4).</summary>
    public double TinyShare { get; init; } = 0.1;

    /// <summary>Put PESQ on the test line (the user's patched code); the upstream code has none.</summary>
    public bool WithPesq { get; init; } = true;

    /// <summary>Write the "Generator loss / Discriminator loss" test line of the older code instead of "Test Gen loss".</summary>
    public bool OldTestLine { get; init; }

    /// <summary>Prefix every line as Python's logging does.</summary>
    public string Prefix { get; init; } = "INFO:root:GPU: 0, ";

    /// <summary>The argument dump line at the top, if any.</summary>
    public string? Header { get; init; } =
        "INFO:root:Namespace(epochs=120, batch_size=1, log_interval=500, decay_epoch=30, init_lr=0.0005, cut_len=32000, loss_weights=[0.1, 0.9, 0.2, 0.05])";

    public int Seed { get; init; } = 7;

    public static double TrainLoss(int epoch) => 0.162 - (0.041 * epoch / 16.0);

    public static double TestLoss(int epoch) => 0.116 - (0.014 * epoch / 16.0);

    public static double DiscLevel(int epoch) => epoch switch
    {
        0 => 0.0136,
        1 => 0.0094,
        2 => 0.0064,
        < 7 => 0.0052,
        _ => 0.0048,
    };

    /// <summary>The log as lines (so tests can damage single lines).</summary>
    public List<string> Lines()
    {
        var random = new Random(Seed);
        var lines = new List<string>();
        if (Header is not null)
        {
            lines.Add(Header);
        }

        for (int epoch = 0; epoch < Pesq.Length; epoch++)
        {
            for (int step = Interval; step <= StepsPerEpoch; step += Interval)
            {
                double loss = TrainLoss(epoch) * (0.9 + (0.2 * random.NextDouble()));
                double u = random.NextDouble();
                double disc = u < SkipShare ? 0.0
                    : u < SkipShare + TinyShare ? 1e-6 + (random.NextDouble() * 8.9e-4)
                    : DiscLevel(epoch) * (0.4 + (1.6 * random.NextDouble()));
                lines.Add(Invariant($"{Prefix}Epoch {epoch}, Step {step}, loss: {loss}, disc_loss: {Repr(disc)}"));
            }

            string test = OldTestLine
                ? Invariant($"{Prefix}Generator loss: {TestLoss(epoch)}, Discriminator loss: {DiscLevel(epoch) * 0.8}")
                : Invariant($"{Prefix}Test Gen loss: {TestLoss(epoch)}, Disc loss: {DiscLevel(epoch) * 0.8}");
            if (WithPesq)
            {
                test += Invariant($", PESQ: {Pesq[epoch]}");
            }

            lines.Add(test);
        }

        return lines;
    }

    public override string ToString() => string.Join("\n", Lines()) + "\n";

    public string WriteTo(string directory, string name = "train.log")
    {
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, ToString(), Encoding.UTF8);
        return path;
    }

    /// <summary>Python's repr of a float: exact zero is "0.0", small values in scientific notation.</summary>
    public static string Repr(double x) => x == 0 ? "0.0"
        : Math.Abs(x) < 1e-4 ? x.ToString("0.################e-00", CultureInfo.InvariantCulture)
        : x.ToString("R", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
