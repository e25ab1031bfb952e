using Perceptor.Diagnostics.RunLog;

namespace Perceptor.Training.Step;

/// <summary>
/// What one metric-GAN iteration did: the generator's loss and update, the PESQ target decision of the batch, and the
/// discriminator's update. The run log's <see cref="StepRecord"/> is made from it in one place, <see cref="ToRecord"/>.
/// </summary>
internal sealed record StepOutcome
{
    /// <summary>Unweighted loss terms; GAN is the generator's term.</summary>
    public required LossTerms Loss { get; init; }

    /// <summary>Clips in the batch.</summary>
    public required int Clips { get; init; }

    /// <summary>The generator update (gradient norm, loss-balance probe).</summary>
    public required GeneratorUpdate Generator { get; init; }

    /// <summary>The batch's PESQ targets; null when the generator's loss or gradient was not finite (nothing is scored then).</summary>
    public TargetDecision? Targets { get; init; }

    /// <summary>The discriminator update, or why it was skipped.</summary>
    public required DiscriminatorUpdate Discriminator { get; init; }

    /// <summary>Wall time of the iteration.</summary>
    public double Seconds { get; init; }

    /// <summary>Discriminator loss of the step taken; null when skipped.</summary>
    public double? DiscLoss => Discriminator.Loss;

    /// <summary>True when the discriminator took no step.</summary>
    public bool DiscSkipped => Discriminator.Loss is null;

    /// <summary>Why the discriminator took no step; null when it stepped.</summary>
    public DiscSkipReason? SkipReason => Discriminator.SkipReason;

    /// <summary>Clips that scored.</summary>
    public int ClipsScored => Targets?.Scored ?? 0;

    /// <summary>Failed clips by kind; empty when none failed or nothing was scored.</summary>
    public IReadOnlyDictionary<string, int> ClipsFailed => Targets?.FailedByKind ?? NoFailures;

    /// <summary>Mean raw WB-PESQ of the scored clips.</summary>
    public double? PesqMean => Targets?.PesqMean;

    /// <summary>Generator gradient norm before clipping; null when it was not finite.</summary>
    public double? GradNormGen => Generator.GradNorm;

    /// <summary>Discriminator gradient norm before clipping; null when it took no step.</summary>
    public double? GradNormDisc => Discriminator.GradNorm;

    /// <summary>Gradient norms of the weighted terms when the loss-balance probe ran this step.</summary>
    public TermValues? GradBalance => Generator.Balance;

    /// <summary>A loss or gradient of either network was not finite and its update was dropped.</summary>
    public bool Nonfinite => Generator.GradNorm is null || Discriminator.Nonfinite;

    private static readonly IReadOnlyDictionary<string, int> NoFailures = new Dictionary<string, int>();

    /// <summary>The run-log record of this step at 1-based <paramref name="epoch"/> and <paramref name="batch"/>, global <paramref name="step"/>.</summary>
    public StepRecord ToRecord(int epoch, long step, int batch, double lrGen, double lrDisc) => new()
    {
        Epoch = epoch,
        Step = step,
        Batch = batch,
        Loss = Loss,
        DiscLoss = DiscLoss,
        DiscSkipped = DiscSkipped,
        SkipReason = SkipReason,
        Clips = Clips,
        ClipsScored = ClipsScored,
        ClipsFailed = ClipsFailed,
        PesqMean = PesqMean,
        LrGen = lrGen,
        LrDisc = lrDisc,
        StepSeconds = Seconds,
        GradNormGen = GradNormGen,
        GradNormDisc = GradNormDisc,
        Nonfinite = Nonfinite,
    };
}
