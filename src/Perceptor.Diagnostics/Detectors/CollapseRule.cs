namespace Perceptor.Diagnostics.Detectors;

/// <summary>
/// The collapse rule shared by <c>diagnose</c> and the trainer's online collapse watch: eval PESQ at least
/// <see cref="CollapseOptions.Drop"/> below its running peak for at least <see cref="CollapseOptions.Epochs"/>
/// consecutive evaluated epochs while the training loss is below its value at the peak. The onset is the first epoch
/// of that stretch. A stretch still below the threshold at the end of the history but shorter than the rule asks is
/// <see cref="CollapseResult.Pending"/>, and then (without an earlier collapse) <see cref="CollapseResult.Detected"/> is
/// null: not yet confirmed, not "no". Pure: the same history gives the same answer, whether called once at the end or after every epoch.
/// </summary>
public static class CollapseRule
{
    // "At least 0.2 below" must hold for 2.64 -> 2.44 despite binary rounding.
    private const double Tolerance = 1e-9;

    /// <summary>Evaluates the rule on a history of (epoch, eval PESQ, training loss or null).</summary>
    /// <param name="history">One entry per evaluated epoch, in any order; non-finite PESQ values are ignored.
    /// A null (or non-finite) training loss leaves the loss part of the rule unchecked for that epoch.</param>
    /// <param name="options">Thresholds; defaults (0.2, 2 epochs) when null.</param>
    public static CollapseResult Evaluate(IReadOnlyList<(int Epoch, double Pesq, double? TrainLoss)> history,
        CollapseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        options ??= new CollapseOptions();
        options.Validate();
        var points = history.Where(h => double.IsFinite(h.Pesq)).OrderBy(h => h.Epoch).ToList();
        if (points.Count == 0)
        {
            return new CollapseResult { Detected = null };
        }

        var events = new List<CollapseEvent>();
        int peak = 0;
        int stretchStart = -1;
        bool stretchLossUnknown = false;
        CollapseEvent? open = null;

        for (int i = 1; i < points.Count; i++)
        {
            var p = points[i];
            var top = points[peak];
            if (p.Pesq > top.Pesq)
            {
                Close("recovered", p.Epoch);
                peak = i;
                continue;
            }

            bool below = p.Pesq <= top.Pesq - options.Drop + Tolerance;
            bool? lossBelow = Finite(p.TrainLoss) is { } loss && Finite(top.TrainLoss) is { } peakLoss ? loss < peakLoss : null;
            if (below && lossBelow != false)
            {
                if (stretchStart < 0)
                {
                    stretchStart = i;
                    stretchLossUnknown = false;
                }

                stretchLossUnknown |= lossBelow is null;
                int length = i - stretchStart + 1;
                if (open is null && length >= options.Epochs)
                {
                    double lowest = points.Skip(stretchStart).Take(length).Min(x => x.Pesq);
                    open = new CollapseEvent(top.Epoch, top.Pesq, points[stretchStart].Epoch, p.Epoch, p.Epoch, lowest, null, null);
                }
                else if (open is not null)
                {
                    open = open with { LastEpoch = p.Epoch, LowestPesq = Math.Min(open.LowestPesq, p.Pesq) };
                }
            }
            else
            {
                Close(below ? "loss-rose" : "recovered", p.Epoch);
            }
        }

        // A stretch still below the threshold at the end but shorter than the rule asks: the drop cannot be confirmed
        // yet, and must not read as "no collapse".
        (int Onset, int Epochs, int PeakEpoch, double PeakPesq, double Lowest)? pending = open is null && stretchStart >= 0
            ? (points[stretchStart].Epoch, points.Count - stretchStart, points[peak].Epoch, points[peak].Pesq,
                points.Skip(stretchStart).Min(x => x.Pesq))
            : null;
        Close(null, null);
        var first = events.FirstOrDefault();
        var last = points[^1];
        int peakIndex = first is null ? points.FindIndex(p => p.Pesq == points.Max(x => x.Pesq))
            : points.FindIndex(p => p.Epoch == first.PeakEpoch);
        return new CollapseResult
        {
            Detected = first is not null ? true : pending is null ? false : null,
            PeakEpoch = points[peakIndex].Epoch,
            PeakPesq = points[peakIndex].Pesq,
            OnsetEpoch = first?.OnsetEpoch,
            FiredEpoch = first?.FiredEpoch,
            FinalEpoch = last.Epoch,
            FinalPesq = last.Pesq,
            TrainLossAtPeak = Finite(points[peakIndex].TrainLoss),
            TrainLossAtFinal = Finite(last.TrainLoss),
            LossCondition = first?.LossCondition,
            Events = events,
            Epochs = points.Count,
            Pending = pending is { } q ? new PendingCollapse(q.PeakEpoch, q.PeakPesq, q.Onset, q.Epochs, q.Lowest) : null,
        };

        void Close(string? endedBy, int? endEpoch)
        {
            if (open is not null)
            {
                events.Add(open with
                {
                    EndedBy = endedBy,
                    EndEpoch = endEpoch,
                    LossCondition = stretchLossUnknown ? LossCondition.Unknown : LossCondition.Met,
                });
            }

            open = null;
            stretchStart = -1;
        }
    }

    private static double? Finite(double? x) => x is { } v && double.IsFinite(v) ? v : null;
}
