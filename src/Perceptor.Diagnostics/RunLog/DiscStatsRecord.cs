namespace Perceptor.Diagnostics.RunLog;

/// <summary>Discriminator accounting, cumulative within the epoch, every <c>log.discStatsEvery</c> batches.</summary>
public sealed record DiscStatsRecord : RunRecord
{
    /// <summary>Epoch, 1-based.</summary>
    public int Epoch { get; init; }

    /// <summary>Global step, 1-based.</summary>
    public long Step { get; init; }

    /// <summary>Discriminator steps taken so far in the epoch.</summary>
    public int Trained { get; init; }

    /// <summary>Batches so far in the epoch.</summary>
    public int Total { get; init; }

    /// <summary>Discriminator steps skipped so far in the epoch.</summary>
    public int Skipped { get; init; }

    /// <summary><see cref="Trained"/> / <see cref="Total"/> · 100 (0 when no batch ran).</summary>
    public double Percent { get; init; }
}
