using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Readers;

/// <summary>Shared arithmetic for logs that list steps: the logging interval, plot positions and epoch means.</summary>
internal static class StepAggregation
{
    /// <summary>
    /// Steps between two logged steps: the greatest common divisor of the gaps between consecutive logged steps of an
    /// epoch (500, 1000, ... ⇒ 500; 1, 501, 1001, ... ⇒ 500; every step ⇒ 1), or of the step numbers themselves
    /// where no epoch has two logged steps. Null when no step numbers are known.
    /// </summary>
    public static int? InferInterval(IReadOnlyList<StepPoint> steps)
    {
        long gaps = 0;
        long numbers = 0;
        StepPoint? previous = null;
        foreach (var s in steps)
        {
            long n = s.StepInEpoch ?? s.Step ?? 0;
            if (n > 0)
            {
                numbers = Gcd(numbers, n);
                long p = previous is null ? 0 : previous.StepInEpoch ?? previous.Step ?? 0;
                if (previous?.Epoch == s.Epoch && p > 0 && n != p)
                {
                    gaps = Gcd(gaps, Math.Abs(n - p));
                }

                previous = s;
            }
        }

        long gcd = gaps > 0 ? gaps : numbers;
        return gcd > 0 && gcd <= int.MaxValue ? (int)gcd : null;
    }

    /// <summary>Places each step on a continuous epoch axis: epoch + step / (largest step of an epoch + interval).</summary>
    public static List<StepPoint> WithPositions(IReadOnlyList<StepPoint> steps, int? interval)
    {
        int maxInEpoch = 0;
        foreach (var s in steps)
        {
            maxInEpoch = Math.Max(maxInEpoch, s.StepInEpoch ?? 0);
        }

        var result = new List<StepPoint>(steps.Count);
        if (maxInEpoch == 0)
        {
            // No step-in-epoch numbers: spread each epoch's steps evenly.
            foreach (var group in steps.GroupBy(s => s.Epoch))
            {
                var list = group.ToList();
                for (int i = 0; i < list.Count; i++)
                {
                    result.Add(list[i] with { Position = group.Key + ((i + 1.0) / (list.Count + 1.0)) });
                }
            }

            return result;
        }

        double span = maxInEpoch + (interval ?? 1);
        foreach (var s in steps)
        {
            result.Add(s with { Position = s.Epoch + ((s.StepInEpoch ?? 0) / span) });
        }

        return result;
    }

    /// <summary>Per-epoch means of the logged steps (generator and discriminator loss as logged).</summary>
    public static Dictionary<int, EpochPoint> EpochMeans(IReadOnlyList<StepPoint> steps, bool sampled)
    {
        var result = new Dictionary<int, EpochPoint>();
        foreach (var group in steps.GroupBy(s => s.Epoch))
        {
            double? gen = Detectors.Stats.Mean(group.Where(s => s.GenLoss is not null).Select(s => s.GenLoss!.Value));
            double? disc = Detectors.Stats.Mean(group.Where(s => s.DiscLoss is not null).Select(s => s.DiscLoss!.Value));
            result[group.Key] = new EpochPoint
            {
                Epoch = group.Key,
                TrainLoss = gen,
                TrainLossSampled = sampled,
                TrainDiscLoss = disc,
                Line = group.First().Line,
            };
        }

        return result;
    }

    /// <summary>Greatest common divisor (Euclid).</summary>
    public static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
