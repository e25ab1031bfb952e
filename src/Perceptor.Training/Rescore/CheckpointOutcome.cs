namespace Perceptor.Training.Rescore;

/// <summary>What became of one checkpoint of a rescore: its scores (fresh or from the cache), or why it has none.</summary>
/// <param name="Checkpoint">The checkpoint and its epoch.</param>
/// <param name="Score">Its per-file rows; null when it could not be scored.</param>
/// <param name="FromCache">True when the rows came from the cache.</param>
/// <param name="Error">Why it could not be scored (one line naming the file), or null.</param>
public sealed record CheckpointOutcome(RescoreCheckpoint Checkpoint, CachedScore? Score, bool FromCache, string? Error)
{
    /// <summary>Files of this checkpoint with a problem (not enhanced, non-finite output), each named.</summary>
    public IEnumerable<string> FileProblems => Score?.Rows.Where(r => r.Problem is not null).Select(r => $"{r.Name}: {r.Problem}") ?? [];
}
