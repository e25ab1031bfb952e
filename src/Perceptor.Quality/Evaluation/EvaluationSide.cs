namespace Perceptor.Quality.Evaluation;

/// <summary>Which numbers of an evaluation a summary is about.</summary>
public enum EvaluationSide
{
    /// <summary>Clean vs enhanced.</summary>
    Enhanced,

    /// <summary>Clean vs the noisy input.</summary>
    Noisy,

    /// <summary>Enhanced minus noisy, per file.</summary>
    Delta,
}
