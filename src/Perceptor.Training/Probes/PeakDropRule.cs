namespace Perceptor.Training.Probes;

/// <summary>
/// The collapse rule: the last <c>epochs</c> evaluated epochs all come after the PESQ peak and sit at least
/// <c>drop</c> below it, and the training loss of the latest epoch is below the training loss at the peak (the
/// user's pattern: loss falls while PESQ falls). A drop with a rising loss is ordinary divergence, not this.
/// </summary>
public sealed class PeakDropRule : ICollapseRule
{
    /// <inheritdoc />
    public CollapseVerdict? Check(IReadOnlyList<EpochScore> history, double drop, int epochs)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count <= epochs)
        {
            return null;
        }

        int peak = 0;
        for (int i = 1; i < history.Count; i++)
        {
            if (history[i].Pesq > history[peak].Pesq)
            {
                peak = i;
            }
        }

        if (history.Count - 1 - peak < epochs)
        {
            return null;
        }

        for (int i = history.Count - epochs; i < history.Count; i++)
        {
            if (!(history[i].Pesq <= history[peak].Pesq - drop))
            {
                return null;
            }
        }

        var last = history[^1];
        if (!(last.TrainLoss < history[peak].TrainLoss))
        {
            return null;
        }

        return new CollapseVerdict(last.Epoch, history[peak].Epoch, history[peak].Pesq, last.Pesq, history[peak].Pesq - last.Pesq);
    }
}
