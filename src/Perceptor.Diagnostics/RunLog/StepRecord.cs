namespace Perceptor.Diagnostics.RunLog;

/// <summary>One training step (every <c>log.every</c> steps).</summary>
public sealed record StepRecord : RunRecord
{
    /// <summary>Epoch, 1-based.</summary>
    public int Epoch { get; init; }

    /// <summary>Global step, 1-based.</summary>
    public long Step { get; init; }

    /// <summary>Batch index within the epoch, 1-based.</summary>
    public int Batch { get; init; }

    /// <summary>Loss terms of the generator step.</summary>
    public required LossTerms Loss { get; init; }

    /// <summary>Discriminator loss of the step taken; null when the step was skipped.</summary>
    public double? DiscLoss { get; init; }

    /// <summary>True when the discriminator took no step (see <see cref="SkipReason"/>).</summary>
    public bool DiscSkipped { get; init; }

    /// <summary>Why the discriminator step was skipped (written as e.g. <c>pesq_failed</c>), null otherwise.</summary>
    public DiscSkipReason? SkipReason { get; init; }

    /// <summary>Clips in the batch.</summary>
    public int Clips { get; init; }

    /// <summary>Clips PESQ scored; 0 when the step stopped before scoring (non-finite generator loss or gradient).</summary>
    public int ClipsScored { get; init; }

    /// <summary>Clips whose PESQ failed, by kind: too_short, no_utterances, silent_degraded, invalid_fs, non_finite.</summary>
    public IReadOnlyDictionary<string, int>? ClipsFailed { get; init; }

    /// <summary>Mean WB-PESQ of the scored clips; null when none scored.</summary>
    public double? PesqMean { get; init; }

    /// <summary>Generator learning rate.</summary>
    public double LrGen { get; init; }

    /// <summary>Discriminator learning rate.</summary>
    public double LrDisc { get; init; }

    /// <summary>Wall time of the step.</summary>
    public double StepSeconds { get; init; }

    /// <summary>Generator gradient norm before clipping; null when it was not finite or the loss was not.</summary>
    public double? GradNormGen { get; init; }

    /// <summary>Discriminator gradient norm before clipping; null when it took no step.</summary>
    public double? GradNormDisc { get; init; }

    /// <summary>True when the step was dropped because a loss was not finite.</summary>
    public bool Nonfinite { get; init; }
}
