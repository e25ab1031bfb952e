namespace Perceptor.Diagnostics.Runs;

/// <summary>One epoch's numbers, normalised from any source. Null means the source does not have it.</summary>
public sealed record EpochPoint
{
    /// <summary>0-based epoch as the source numbers it.</summary>
    public int Epoch { get; init; }

    /// <summary>Training generator loss for the epoch (mean of all steps, or of the logged sample of steps).</summary>
    public double? TrainLoss { get; init; }

    /// <summary>True when <see cref="TrainLoss"/> is the mean of a sample of logged steps, not of every step.</summary>
    public bool TrainLossSampled { get; init; }

    /// <summary>Training discriminator loss for the epoch as the source reports it.</summary>
    public double? TrainDiscLoss { get; init; }

    /// <summary>Smallest / largest per-step discriminator loss of the epoch, where the source has them.</summary>
    public double? TrainDiscLossMin { get; init; }

    /// <inheritdoc cref="TrainDiscLossMin"/>
    public double? TrainDiscLossMax { get; init; }

    /// <summary>Eval generator loss.</summary>
    public double? EvalLoss { get; init; }

    /// <summary>Eval discriminator loss.</summary>
    public double? EvalDiscLoss { get; init; }

    /// <summary>Mean eval PESQ (wide band) of the enhanced signals.</summary>
    public double? EvalPesq { get; init; }

    /// <summary>Eval PESQ as the log printed it, kept when a rescore of the checkpoints replaced
    /// <see cref="EvalPesq"/> (diagnose --rescored); null otherwise.</summary>
    public double? LogPesq { get; init; }

    /// <summary>Mean eval PESQ of the noisy input on the same files, where measured.</summary>
    public double? NoisyPesq { get; init; }

    /// <summary>How eval was done (<c>full-utterance</c>, <c>fixed-crops</c>), where the source says.</summary>
    public string? EvalMethod { get; init; }

    /// <summary>Learning rates in force during the epoch.</summary>
    public double? LrGen { get; init; }

    /// <inheritdoc cref="LrGen"/>
    public double? LrDisc { get; init; }

    /// <summary>Exact discriminator accounting for the epoch (Perceptor runs), null elsewhere.</summary>
    public int? Batches { get; init; }

    /// <inheritdoc cref="Batches"/>
    public int? DiscSteps { get; init; }

    /// <inheritdoc cref="Batches"/>
    public int? DiscSkipped { get; init; }

    /// <inheritdoc cref="Batches"/>
    public int? SaturatedSteps { get; init; }

    /// <summary>Clips whose PESQ failed during the epoch, by reason (Perceptor runs), null elsewhere.</summary>
    public IReadOnlyDictionary<string, int>? ClipFailures { get; init; }

    /// <summary>Source line (text and CSV logs) for messages.</summary>
    public int? Line { get; init; }
}
