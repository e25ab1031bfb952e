namespace Perceptor.Diagnostics.RunLog;

/// <summary>End-of-epoch summary.</summary>
public sealed record EpochRecord : RunRecord
{
    /// <summary>Epoch, 1-based.</summary>
    public int Epoch { get; init; }

    /// <summary>Global step at the end of the epoch.</summary>
    public long Step { get; init; }

    /// <summary>Batches in the epoch.</summary>
    public int Batches { get; init; }

    /// <summary>Loss terms averaged over the epoch's finite steps (NaN when none was finite).</summary>
    public required LossTerms Loss { get; init; }

    /// <summary>Mean discriminator loss over the steps taken; null when none was taken.</summary>
    public double? DiscLoss { get; init; }

    /// <summary>Discriminator steps taken.</summary>
    public int DiscSteps { get; init; }

    /// <summary>Discriminator steps skipped (failed PESQ, non-finite loss or gradient).</summary>
    public int DiscSkipped { get; init; }

    /// <summary><see cref="DiscSkipped"/> / <see cref="Batches"/>; null when no batch ran.</summary>
    public double? SkipRate { get; init; }

    /// <summary>Discriminator steps taken whose loss was below 1e-3.</summary>
    public int SaturatedSteps { get; init; }

    /// <summary><see cref="SaturatedSteps"/> / <see cref="DiscSteps"/>; null when no step was taken.</summary>
    public double? SaturatedShare { get; init; }

    /// <summary>Training clips PESQ scored in the epoch.</summary>
    public int ClipsScored { get; init; }

    /// <summary>Training clips PESQ could not score, by kind (<c>too_short</c>, <c>no_utterances</c>, ...).</summary>
    public IReadOnlyDictionary<string, int>? ClipsFailed { get; init; }

    /// <summary>Steps whose update was dropped because a loss or gradient was not finite.</summary>
    public int NonfiniteSteps { get; init; }

    /// <summary>Generator learning rate of the epoch.</summary>
    public double LrGen { get; init; }

    /// <summary>Discriminator learning rate of the epoch.</summary>
    public double LrDisc { get; init; }

    /// <summary>Wall time of the epoch's steps (evaluation not included).</summary>
    public double Seconds { get; init; }
}
