using Perceptor.Diagnostics.Detectors;

namespace Perceptor.Training.Probes;

/// <summary>
/// The collapse rule of <c>diagnose</c> (<see cref="CollapseRule"/>), asked after every evaluated epoch, so the online
/// watch and a later diagnosis of the same run agree: a collapse is reported at the epoch where a stretch of eval
/// PESQ at least <c>drop</c> below its running peak, with the training loss below its value at the peak, reaches
/// <c>epochs</c> evaluated epochs.
/// </summary>
public sealed class SharedCollapseRule : ICollapseRule
{
    /// <inheritdoc />
    public CollapseVerdict? Check(IReadOnlyList<EpochScore> history, double drop, int epochs)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0)
        {
            return null;
        }

        var points = history.Select(h => (h.Epoch, h.Pesq, (double?)h.TrainLoss)).ToList();
        var result = CollapseRule.Evaluate(points, new CollapseOptions { Drop = drop, Epochs = epochs });
        var last = history[^1];
        var fired = result.Events.FirstOrDefault(e => e.FiredEpoch == last.Epoch);
        return fired is null ? null : new CollapseVerdict(last.Epoch, fired.PeakEpoch, fired.PeakPesq, last.Pesq, fired.PeakPesq - last.Pesq);
    }
}
