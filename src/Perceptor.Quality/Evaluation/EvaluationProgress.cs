namespace Perceptor.Quality.Evaluation;

/// <summary>Progress of a folder evaluation: files finished out of the total, and the name just finished.</summary>
public sealed record EvaluationProgress(int Completed, int Total, string Name);
