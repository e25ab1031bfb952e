using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Detectors;

/// <summary>
/// The eval loss judged against its own minimum within the evaluated epochs (not its endpoints, and not rows past the
/// last epoch with eval PESQ), with the training loss read from its own rows: in real logs the two often sit on
/// different, sparse rows (a CSV with training means every epoch and eval every fifth, a text log whose test lines
/// come without step lines), so neither may be required on the other's row.
/// </summary>
/// <param name="MinEpoch">Epoch of the lowest eval loss (of equal minima the latest): the epoch that checkpoint
/// selection by eval loss would keep.</param>
/// <param name="MinLoss">The lowest eval loss.</param>
/// <param name="LastEpoch">Last evaluated epoch with an eval loss within the range judged.</param>
/// <param name="LastLoss">Its eval loss.</param>
/// <param name="PointsAfter">Eval-loss rows after the minimum.</param>
/// <param name="AboveAfter">Of those, rows above the minimum by more than the rise threshold.</param>
/// <param name="TrainAtMin">Training loss at (or nearest to) the minimum's epoch, where the log has one.</param>
/// <param name="TrainAtMinEpoch">The epoch that training loss was read at.</param>
/// <param name="TrainAtEnd">Training loss at (or nearest before) the last evaluated epoch.</param>
/// <param name="TrainAtEndEpoch">The epoch that training loss was read at.</param>
/// <param name="Points">Eval-loss rows judged.</param>
public sealed record EvalLossTrend(
    int MinEpoch, double MinLoss, int LastEpoch, double LastLoss, int PointsAfter, int AboveAfter,
    double? TrainAtMin, int? TrainAtMinEpoch, double? TrainAtEnd, int? TrainAtEndEpoch, int Points)
{
    /// <summary>Relative rise of the last eval loss over the minimum.</summary>
    public double Rise => (LastLoss / MinLoss) - 1;

    /// <summary>True when the training loss fell from the minimum's epoch to the end.</summary>
    public bool TrainFell => TrainAtMin is { } a && TrainAtEnd is { } b && TrainAtEndEpoch > TrainAtMinEpoch && b < a;

    /// <summary>
    /// The trend of <paramref name="run"/>'s eval loss, or null with fewer than three eval-loss rows in range.
    /// </summary>
    public static EvalLossTrend? Of(RunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Of(run, new DiagnosisOptions().OverfitRise);
    }

    /// <inheritdoc cref="Of(RunData)"/>
    /// <param name="run">The run.</param>
    /// <param name="rise">Relative rise above the minimum that counts as "above".</param>
    public static EvalLossTrend? Of(RunData run, double rise)
    {
        ArgumentNullException.ThrowIfNull(run);
        int? lastPesq = run.Epochs.Where(e => Stats.Finite(e.EvalPesq) is not null).Select(e => (int?)e.Epoch).LastOrDefault();
        var evals = run.Epochs.Where(e => Stats.Finite(e.EvalLoss) is not null && (lastPesq is null || e.Epoch <= lastPesq))
            .OrderBy(e => e.Epoch).ToList();
        if (evals.Count < 3)
        {
            return null;
        }

        double lowest = evals.Min(e => e.EvalLoss!.Value);
        var best = evals.Last(e => e.EvalLoss!.Value == lowest);
        var last = evals[^1];
        double limit = lowest * (1 + rise);
        var after = evals.Where(e => e.Epoch > best.Epoch).ToList();
        var trains = run.Epochs.Where(e => Stats.Finite(e.TrainLoss) is not null).OrderBy(e => e.Epoch).ToList();
        var atMin = Nearest(trains, best.Epoch);
        var atEnd = trains.LastOrDefault(e => e.Epoch <= last.Epoch) ?? Nearest(trains, last.Epoch);
        return new EvalLossTrend(best.Epoch, lowest, last.Epoch, last.EvalLoss!.Value, after.Count,
            after.Count(e => e.EvalLoss > limit), atMin?.TrainLoss, atMin?.Epoch, atEnd?.TrainLoss, atEnd?.Epoch, evals.Count);
    }

    // The training row at the epoch, else the closest one (the earlier of two equally close).
    private static EpochPoint? Nearest(List<EpochPoint> rows, int epoch) =>
        rows.OrderBy(e => Math.Abs(e.Epoch - epoch)).ThenBy(e => e.Epoch).FirstOrDefault();
}
