namespace Perceptor.Training.Rescore;

/// <summary>
/// A checkpoint's (or the noisy input's) per-file scores on one set of utterances, as kept in the rescore cache.
/// </summary>
/// <param name="Sha256">The checkpoint file's SHA-256 (<c>noisy</c> for the noisy input).</param>
/// <param name="DataKey">The <see cref="RescoreData.Key"/> of the utterances scored.</param>
/// <param name="Checkpoint">The file as it was scored (for people reading the cache).</param>
/// <param name="Rows">One row per utterance, in the data's order.</param>
/// <param name="EnhanceSeconds">Wall time of the enhancement.</param>
/// <param name="ScoreSeconds">Wall time of the scoring.</param>
public sealed record CachedScore(string Sha256, string DataKey, string Checkpoint, IReadOnlyList<RescoredFileRow> Rows, double EnhanceSeconds, double ScoreSeconds);
