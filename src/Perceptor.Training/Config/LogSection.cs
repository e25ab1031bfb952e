using System.ComponentModel;

namespace Perceptor.Training.Config;

/// <summary>What is logged how often.</summary>
public sealed record LogSection
{
    /// <summary>Write a <c>step</c> record every N steps.</summary>
    [Description("step record every N steps")]
    public int Every { get; init; } = 1;

    /// <summary>Print the <c>[disc stats]</c> line and write a <c>disc_stats</c> record every N batches.</summary>
    [Description("[disc stats] line and record every N batches")]
    public int DiscStatsEvery { get; init; } = 50;

    /// <summary>Write TensorBoard event files under <c>tensorboard/</c>.</summary>
    [Description("write TensorBoard event files")]
    public bool TensorBoard { get; init; } = true;
}
