using Perceptor.Diagnostics.RunLog;

namespace Perceptor.Training.Step;

/// <summary>
/// Running sums of one epoch, serialisable so a checkpoint written inside an epoch resumes its accounting too.
/// A skipped discriminator step adds to <see cref="DiscSkipped"/> and never to the loss sums; saturation counts
/// only steps taken.
/// </summary>
public sealed class EpochTally
{
    /// <summary>A discriminator loss below this counts as saturated.</summary>
    public const double SaturationThreshold = DiscSaturation.LossThreshold;

    public int Batches { get; set; }
    public int FiniteBatches { get; set; }
    public double TotalSum { get; set; }
    public double RiSum { get; set; }
    public double MagSum { get; set; }
    public double TimeSum { get; set; }
    public double GanSum { get; set; }
    public double DiscLossSum { get; set; }
    public int DiscSteps { get; set; }
    public int DiscSkipped { get; set; }
    public int SaturatedSteps { get; set; }
    public int ClipsScored { get; set; }
    public Dictionary<string, int> ClipsFailed { get; set; } = new(StringComparer.Ordinal);
    public int NonfiniteSteps { get; set; }
    public double Seconds { get; set; }

    internal void Add(StepOutcome step)
    {
        Batches++;
        Seconds += step.Seconds;
        if (double.IsFinite(step.Loss.Total))
        {
            FiniteBatches++;
            TotalSum += step.Loss.Total;
            RiSum += step.Loss.Ri;
            MagSum += step.Loss.Mag;
            TimeSum += step.Loss.Time;
            GanSum += step.Loss.Gan ?? 0;
        }

        if (step.Nonfinite)
        {
            NonfiniteSteps++;
        }

        if (step.DiscLoss is { } d)
        {
            DiscSteps++;
            DiscLossSum += d;
            if (d < SaturationThreshold)
            {
                SaturatedSteps++;
            }
        }
        else
        {
            DiscSkipped++;
        }

        ClipsScored += step.ClipsScored;
        foreach (var (kind, count) in step.ClipsFailed)
        {
            ClipsFailed[kind] = ClipsFailed.GetValueOrDefault(kind) + count;
        }
    }

    /// <summary>Mean loss terms over the finite steps (NaN when none was finite).</summary>
    public LossTerms MeanLoss()
    {
        double n = FiniteBatches;
        return n == 0
            ? new LossTerms(double.NaN, double.NaN, double.NaN, double.NaN, null)
            : new LossTerms(TotalSum / n, RiSum / n, MagSum / n, TimeSum / n, GanSum / n);
    }

    /// <summary>The <c>disc_stats</c> record of the epoch so far.</summary>
    internal DiscStatsRecord ToDiscStats(int epoch, long step) => new()
    {
        Epoch = epoch,
        Step = step,
        Trained = DiscSteps,
        Total = Batches,
        Skipped = DiscSkipped,
        Percent = Batches > 0 ? 100.0 * DiscSteps / Batches : 0,
    };

    internal EpochRecord ToRecord(int epoch, long step, double lrGen, double lrDisc) => new()
    {
        Epoch = epoch,
        Step = step,
        Batches = Batches,
        Loss = MeanLoss(),
        DiscLoss = DiscSteps > 0 ? DiscLossSum / DiscSteps : null,
        DiscSteps = DiscSteps,
        DiscSkipped = DiscSkipped,
        SkipRate = Batches > 0 ? (double)DiscSkipped / Batches : null,
        SaturatedSteps = SaturatedSteps,
        SaturatedShare = DiscSteps > 0 ? (double)SaturatedSteps / DiscSteps : null,
        ClipsScored = ClipsScored,
        ClipsFailed = new SortedDictionary<string, int>(ClipsFailed, StringComparer.Ordinal),
        NonfiniteSteps = NonfiniteSteps,
        LrGen = lrGen,
        LrDisc = lrDisc,
        Seconds = Seconds,
    };
}
