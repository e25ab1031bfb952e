namespace Perceptor.Diagnostics.RunLog;

/// <summary>End-of-epoch summary.</summary>
public sealed record EpochRecord : RunRecord
{
    public int Epoch { get; init; }
    public long Step { get; init; }
    public int Batches { get; init; }
    public required LossTerms Loss { get; init; }
    public double? DiscLoss { get; init; }
    public int DiscSteps { get; init; }
    public int DiscSkipped { get; init; }
    public double? SkipRate { get; init; }
    public int SaturatedSteps { get; init; }
    public double? SaturatedShare { get; init; }
    public int ClipsScored { get; init; }
    public IReadOnlyDictionary<string, int>? ClipsFailed { get; init; }
    public int NonfiniteSteps { get; init; }
    public double LrGen { get; init; }
    public double LrDisc { get; init; }
    public double Seconds { get; init; }
}
