using Perceptor.Diagnostics.RunLog;

namespace Perceptor.Training.Step;

/// <summary>
/// What one batch's PESQ results mean for the discriminator step: its per-clip targets and mask, or a skip with its
/// reason, plus the accounting that is logged either way.
/// </summary>
/// <param name="Skip">True when no discriminator step is taken.</param>
/// <param name="SkipReason"><see cref="DiscSkipReason.PesqFailed"/> (skip-batch: a clip failed) or <see cref="DiscSkipReason.PesqAllFailed"/> (batch-mean: none scored); null when not skipped.</param>
/// <param name="Targets">Normalised targets (PESQ − 1)/3.5 per clip; unused entries are 0.</param>
/// <param name="Mask">1 for clips whose estimate term is regressed, 0 otherwise.</param>
/// <param name="Scored">Clips that scored.</param>
/// <param name="FailedByKind">Failed clips by kind name (<c>no_utterances</c>, ...); empty when none failed.</param>
/// <param name="PesqMean">Mean raw WB-PESQ of the scored clips; null when none scored.</param>
/// <param name="Scores">Raw WB-PESQ per clip, NaN for failed clips.</param>
public sealed record TargetDecision(bool Skip, DiscSkipReason? SkipReason, float[] Targets, float[] Mask, int Scored,
    IReadOnlyDictionary<string, int> FailedByKind, double? PesqMean, double[] Scores);
