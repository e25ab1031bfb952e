using Perceptor.Audio;

namespace Perceptor.Quality.Evaluation;

/// <summary>What <see cref="FolderEvaluator"/> compares and where it writes.</summary>
public sealed record FolderEvaluationOptions
{
    /// <summary>Folder of clean references (*.wav).</summary>
    public required string CleanDirectory { get; init; }

    /// <summary>Folder of enhanced outputs, paired with the clean files by file name.</summary>
    public required string EnhancedDirectory { get; init; }

    /// <summary>Optional folder of the noisy inputs: their metrics are reported beside the enhanced ones, with the improvement.</summary>
    public string? NoisyDirectory { get; init; }

    /// <summary>Folder for per_file.csv and summary.json; null writes nothing.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Worker threads; 0 uses every core.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>How multi-channel files become mono (default: first channel, as the reference tools do).</summary>
    public ChannelMix ChannelMix { get; init; } = ChannelMix.First;

    /// <summary>Metric settings.</summary>
    public QualityScorerOptions Scorer { get; init; } = new();
}
