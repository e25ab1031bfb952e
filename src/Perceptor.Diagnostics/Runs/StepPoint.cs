namespace Perceptor.Diagnostics.Runs;

/// <summary>One logged training step, normalised from any source.</summary>
public sealed record StepPoint
{
    /// <summary>0-based epoch as the source numbers it.</summary>
    public int Epoch { get; init; }

    /// <summary>Global step (1-based) where the source has one.</summary>
    public long? Step { get; init; }

    /// <summary>Step (batch) within the epoch, 1-based, where the source has one.</summary>
    public int? StepInEpoch { get; init; }

    /// <summary>Position on a continuous epoch axis (epoch + fraction of the epoch done), for plots.</summary>
    public double Position { get; init; }

    /// <summary>The generator's total loss at this step.</summary>
    public double? GenLoss { get; init; }

    /// <summary>Discriminator loss of a step that was taken (or that the log shows as a number).</summary>
    public double? DiscLoss { get; init; }

    /// <summary>True: the discriminator did not step; false: it stepped; null: the log cannot tell.</summary>
    public bool? DiscSkipped { get; init; }

    /// <summary>Clips of the batch whose PESQ failed, where known.</summary>
    public int? ClipsFailed { get; init; }

    /// <summary>Source line (text and CSV logs) for messages.</summary>
    public int? Line { get; init; }
}
