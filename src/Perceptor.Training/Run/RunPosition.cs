namespace Perceptor.Training.Run;

/// <summary>Where a run stands: what a checkpoint records and what resuming starts from.</summary>
/// <param name="Epoch">The epoch in progress, 0-based (equal to the epochs finished).</param>
/// <param name="Batch">The next batch of <paramref name="Epoch"/>, 0-based (0 at an epoch boundary).</param>
/// <param name="Step">Training steps taken in the whole run.</param>
internal sealed record RunPosition(int Epoch, int Batch, long Step)
{
    /// <summary>The start of a new run.</summary>
    public static RunPosition Start { get; } = new(0, 0, 0);

    /// <summary>One more step taken, still at the same batch.</summary>
    public RunPosition AfterStep() => this with { Step = Step + 1 };

    /// <summary>On to the next batch of the same epoch.</summary>
    public RunPosition NextBatch() => this with { Batch = Batch + 1 };

    /// <summary>The first batch of the next epoch.</summary>
    public RunPosition NextEpoch() => new(Epoch + 1, 0, Step);

    /// <summary>The epoch a <c>run_end</c> record names: the one in progress once a batch of it has run, else the last finished.</summary>
    public int LoggedEpoch => Batch > 0 ? Epoch + 1 : Epoch;
}
