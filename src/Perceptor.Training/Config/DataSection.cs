using System.ComponentModel;

namespace Perceptor.Training.Config;

/// <summary>Training-data options.</summary>
public sealed record DataSection
{
    /// <summary>
    /// Reject training crops whose clean signal holds too little speech (off by default: the reference crops blindly).
    /// Stops PESQ failing on silent crops without changing the targets of the crops that are kept.
    /// </summary>
    [Description("reject training crops with too little speech in the clean signal")]
    public bool SpeechAwareCrops { get; init; }

    /// <summary>Share of 20 ms frames of a crop that must be active (within 40 dB of the file's loudest frame).</summary>
    [Description("speech-aware crops: minimum share of active 20 ms frames (0..1)")]
    public double MinSpeechFraction { get; init; } = 0.3;

    /// <summary>Random offsets tried before the most active one seen is kept.</summary>
    [Description("speech-aware crops: offsets tried before keeping the most active")]
    public int CropAttempts { get; init; } = 8;

    /// <summary>
    /// Train on this many pairs, spread evenly over the natural order of the training folder (0: all). Makes the
    /// effective data set smaller without a second corpus, to test whether a collapse is overtraining (H7).
    /// </summary>
    [Description("train on N pairs spread evenly over the training folder (0: all)")]
    public int TrainFiles { get; init; }

    /// <summary>Folder for 16 kHz copies of files at other rates; empty means <c>DATA/.perceptor-cache</c>.</summary>
    [Description("cache folder for resampled files (empty: DATA/.perceptor-cache)")]
    public string CacheDir { get; init; } = "";
}
