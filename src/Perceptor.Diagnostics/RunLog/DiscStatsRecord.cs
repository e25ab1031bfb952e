namespace Perceptor.Diagnostics.RunLog;

/// <summary>Discriminator accounting, cumulative within the epoch, every <c>log.discStatsEvery</c> batches.</summary>
public sealed record DiscStatsRecord : RunRecord
{
    public int Epoch { get; init; }
    public long Step { get; init; }
    public int Trained { get; init; }
    public int Total { get; init; }
    public int Skipped { get; init; }
    public double Percent { get; init; }
}
