namespace Perceptor.Quality.Evaluation;

/// <summary>
/// Progress of a folder evaluation: files finished out of the total, the name just finished, and how many of the
/// finished files could not be scored (missing partner, unreadable file, rate mismatch).
/// </summary>
public sealed record EvaluationProgress(int Completed, int Total, string Name, int NotScored = 0);
