using Perceptor.Diagnostics.RunLog;

namespace Perceptor.Training;

/// <summary>What one training iteration did, in the numbers the run log records.</summary>
internal sealed record StepOutcome
{
    /// <summary>Unweighted loss terms; GAN is the generator's term.</summary>
    public required LossTerms Loss { get; init; }

    /// <summary>Discriminator loss of the step taken; null when skipped.</summary>
    public double? DiscLoss { get; init; }

    public bool DiscSkipped { get; init; }

    public string? SkipReason { get; init; }

    public int Clips { get; init; }

    public int ClipsScored { get; init; }

    public IReadOnlyDictionary<string, int> ClipsFailed { get; init; } = new Dictionary<string, int>();

    public double? PesqMean { get; init; }

    public double? GradNormGen { get; init; }

    public double? GradNormDisc { get; init; }

    /// <summary>The generator or discriminator loss (or gradient) was not finite and its update was dropped.</summary>
    public bool Nonfinite { get; init; }

    /// <summary>Gradient norms of the weighted terms when the loss-balance probe ran this step.</summary>
    public TermValues? GradBalance { get; init; }

    public double Seconds { get; init; }
}
