using System.ComponentModel;

namespace Perceptor.Training.Config;

/// <summary>Discriminator targets from wideband PESQ.</summary>
public sealed record PesqSection
{
    /// <summary>What a failed clip does to the discriminator step.</summary>
    [Description("failed PESQ clips: skip-batch (reference), batch-mean, mask (default)")]
    public PesqFailurePolicy Failures { get; init; } = PesqFailurePolicy.Mask;

    /// <summary>Threads scoring a batch (0: all cores).</summary>
    [Description("threads scoring PESQ (0: all cores)")]
    public int Threads { get; init; }
}
