namespace Perceptor.Training.Rescore;

/// <summary>
/// Progress of a rescore: which checkpoint (1-based, of how many) and what is being done to it, the files done of
/// this phase, and the work done overall (each checkpoint counts two units per file: enhancing and scoring).
/// </summary>
public sealed record RescoreProgress(int Checkpoint, int Checkpoints, string Name, RescorePhase Phase, int Done, int Total, long OverallDone, long OverallTotal);
