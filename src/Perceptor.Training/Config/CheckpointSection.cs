using System.ComponentModel;

namespace Perceptor.Training.Config;

/// <summary>When <c>last.ckpt</c> is written: at epoch ends, and inside long epochs.</summary>
public sealed record CheckpointSection
{
    /// <summary>
    /// Write <c>last.ckpt</c> at the end of every Nth epoch (1: every epoch). Evaluated epochs, the final epoch, a new
    /// best and a stop always write. Runs of one-step epochs want more than 1: a checkpoint costs about as much as a
    /// tiny model's step, and a resume replays the epochs since the last one exactly.
    /// </summary>
    [Description("write last.ckpt every N epoch ends (evaluated and final epochs always)")]
    public int EveryEpochs { get; init; } = 1;

    /// <summary>Also write <c>last.ckpt</c> every N steps inside an epoch (0: epoch ends only). Long CPU epochs want this.</summary>
    [Description("also write last.ckpt every N steps (0: epoch ends only)")]
    public int EverySteps { get; init; }
}
