namespace Perceptor.Diagnostics.Runs;

/// <summary>
/// Exact discriminator accounting over a stretch of training, where the log counts every step (Perceptor's epoch
/// records, or <c>[DISC STATS] Trained: a/b</c> counters added to the reference code).
/// </summary>
/// <param name="Batches">Batches (generator steps) counted.</param>
/// <param name="Skipped">Of those, batches whose discriminator step was skipped.</param>
/// <param name="Saturated">Discriminator steps with a loss below 1e-3, where counted.</param>
/// <param name="Basis">What was counted, in words (e.g. "epoch records of epochs 0-9").</param>
public sealed record DiscTally(long Batches, long Skipped, long? Saturated, string Basis)
{
    /// <summary>Discriminator steps taken.</summary>
    public long Trained => Batches - Skipped;
}
