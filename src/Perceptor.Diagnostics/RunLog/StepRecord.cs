namespace Perceptor.Diagnostics.RunLog;

/// <summary>One training step (every <c>log.every</c> steps).</summary>
public sealed record StepRecord : RunRecord
{
    public int Epoch { get; init; }

    /// <summary>Global step, 1-based.</summary>
    public long Step { get; init; }

    /// <summary>Batch index within the epoch, 1-based.</summary>
    public int Batch { get; init; }
    public required LossTerms Loss { get; init; }

    /// <summary>Discriminator loss of the step taken; null when the step was skipped.</summary>
    public double? DiscLoss { get; init; }
    public bool DiscSkipped { get; init; }

    /// <summary>Why the discriminator step was skipped (e.g. <c>pesq_failed</c>), null otherwise.</summary>
    public string? SkipReason { get; init; }
    public int Clips { get; init; }
    public int ClipsScored { get; init; }

    /// <summary>Clips whose PESQ failed, by kind: too_short, no_utterances, silent_degraded, invalid_fs, non_finite.</summary>
    public IReadOnlyDictionary<string, int>? ClipsFailed { get; init; }
    public double? PesqMean { get; init; }
    public double LrGen { get; init; }
    public double LrDisc { get; init; }
    public double StepSeconds { get; init; }
    public double? GradNormGen { get; init; }
    public double? GradNormDisc { get; init; }

    /// <summary>True when the step was dropped because a loss was not finite.</summary>
    public bool Nonfinite { get; init; }
}
