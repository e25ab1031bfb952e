using System.ComponentModel;

namespace Perceptor.Training.Config;

/// <summary>When checkpoints are written besides every epoch end.</summary>
public sealed record CheckpointSection
{
    /// <summary>Also write <c>last.ckpt</c> every N steps inside an epoch (0: epoch ends only). Long CPU epochs want this.</summary>
    [Description("also write last.ckpt every N steps (0: epoch ends only)")]
    public int EverySteps { get; init; }
}
