namespace Perceptor.Quality.Evaluation;

/// <summary>What <see cref="EvaluationRunner"/> prints on standard output.</summary>
public enum EvaluationOutputFormat
{
    /// <summary>The table of means and a few lines about the files (for people).</summary>
    Text,

    /// <summary>One JSON object with the summary and every per-file row (for scripts; <see cref="EvaluationJson"/>).</summary>
    Json,
}
