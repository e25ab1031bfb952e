namespace Perceptor.Quality.Evaluation;

/// <summary>Settings of <see cref="QualityScorer"/>; the defaults reproduce the published VoiceBank+DEMAND table.</summary>
public sealed record QualityScorerOptions
{
    /// <summary>The PESQ used for the PESQ column and the composite measures; null means wideband PESQ.</summary>
    public PesqFunction? Pesq { get; init; }

    /// <summary>Whether to compute STOI (skipping it saves about a third of the time when only PESQ-based columns matter).</summary>
    public bool ComputeStoi { get; init; } = true;

    /// <summary>Whether to compute ESTOI (it shares STOI's front end, so with STOI on it adds little).</summary>
    public bool ComputeEstoi { get; init; } = true;
}
