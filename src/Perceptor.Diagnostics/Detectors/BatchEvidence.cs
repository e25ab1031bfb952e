using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Detectors;

/// <summary>
/// The batch size as the step counters bound it: the largest step seen inside one epoch is a lower bound on the
/// steps per epoch, and an epoch of S steps over N training pairs (ceil(N / B) steps at batch B per process) means
/// B ≤ ceil(N / (S - 1)) - 1. Logs rarely print the batch size; the counters are almost always there.
/// </summary>
/// <param name="StepsPerEpochAtLeast">Largest step counter seen inside one epoch, or null without counters.</param>
/// <param name="BatchSizeAtMost">Upper bound on the clips per batch per process, or null.</param>
/// <param name="StatedBatchSize">The batch size the log states (argument dump, config), or null.</param>
/// <param name="Basis">Where the numbers come from, in words; null when nothing is known.</param>
public sealed record BatchEvidence(long? StepsPerEpochAtLeast, int? BatchSizeAtMost, int? StatedBatchSize, string? Basis)
{
    /// <summary>VoiceBank+DEMAND's training set: 11,572 clean/noisy pairs.</summary>
    public const int VoiceBankTrainPairs = 11572;

    /// <summary>The batch size where it is known exactly: stated, or bounded to 1 by the counters.</summary>
    public int? Known => StatedBatchSize ?? (BatchSizeAtMost == 1 ? 1 : null);

    /// <summary>The evidence of <paramref name="run"/> with <paramref name="trainPairs"/> training pairs.</summary>
    public static BatchEvidence Of(RunData run, int trainPairs)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfLessThan(trainPairs, 1);
        int? stated = run.Settings.BatchSize;
        var top = run.Steps.Where(s => s.StepInEpoch is > 0).MaxBy(s => s.StepInEpoch);
        if (top is null)
        {
            return new BatchEvidence(null, null, stated, stated is { } b ? $"the log states batch size {Fmt.Int(b)}" : null);
        }

        long steps = top.StepInEpoch!.Value;
        // ceil(N / B) >= S  <=>  B < N / (S - 1); with S = 1 the counters bound nothing beyond the data set.
        int atMost = steps <= 1 ? trainPairs : (int)Math.Max(1, Math.Ceiling(trainPairs / (double)(steps - 1)) - 1);
        bool bounded = steps <= trainPairs;
        string basis = $"largest step counter inside one epoch: {Fmt.Int(steps)} (epoch {Fmt.Int(top.Epoch)}" +
            (top.Line is { } line ? $", line {Fmt.Int(line)}" : "") + $"); with {Fmt.Int(trainPairs)} training pairs" +
            (trainPairs == VoiceBankTrainPairs ? " (VoiceBank's, the default; --train-pairs N for another set)" : "") +
            (bounded
                ? $", an epoch of at least {Fmt.Int(steps)} steps means at most {Fmt.Int(atMost)} clip{(atMost > 1 ? "s" : "")} per batch per process"
                : $"; more steps than pairs, so the training set is larger than {Fmt.Int(trainPairs)} pairs (pass --train-pairs)") +
            (stated is { } s ? $"; the log states batch size {Fmt.Int(s)}" : "");
        return new BatchEvidence(steps, bounded ? atMost : null, stated, basis);
    }
}
