namespace Perceptor.Audio.Synthesis;

/// <summary>
/// What <see cref="SyntheticCorpus"/> generates. The defaults give 280 pairs (8 training speakers × 30, 2 test
/// speakers × 20) of about 2.5-7 s, disjoint speakers between the splits as in VoiceBank+DEMAND, training SNRs
/// 0..20 dB and test SNRs between them, every noise type in both splits. With these SNRs the wideband PESQ of the
/// noisy files spreads from about 1.05 (white noise at 0 dB) to about 3.5 (hum at 20 dB).
/// </summary>
public sealed record SyntheticCorpusOptions
{
    /// <summary>Everything generated follows from this seed.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Samples per second of every file.</summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>Distinct talkers in the training split.</summary>
    public int TrainSpeakers { get; init; } = 8;

    /// <summary>Utterances per training talker.</summary>
    public int TrainClipsPerSpeaker { get; init; } = 30;

    /// <summary>Distinct talkers in the test split (none of them in training).</summary>
    public int TestSpeakers { get; init; } = 2;

    /// <summary>Utterances per test talker.</summary>
    public int TestClipsPerSpeaker { get; init; } = 20;

    /// <summary>Signal-to-noise ratios (active speech level over noise power, dB) used in training, balanced.</summary>
    public IReadOnlyList<double> TrainSnrsDb { get; init; } = [0, 5, 10, 15, 20];

    /// <summary>SNRs used in the test split.</summary>
    public IReadOnlyList<double> TestSnrsDb { get; init; } = [2.5, 7.5, 12.5, 17.5];

    /// <summary>Noise types mixed in, balanced over each split.</summary>
    public IReadOnlyList<NoiseType> NoiseTypes { get; init; } =
        [NoiseType.White, NoiseType.Pink, NoiseType.Brown, NoiseType.Babble, NoiseType.Hum, NoiseType.Cafe];

    /// <summary>Timing of speech, pauses and silence within each utterance.</summary>
    public UtteranceLayout Layout { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (SampleRate is not (8000 or 16000 or 22050 or 24000 or 32000 or 44100 or 48000))
        {
            throw new ArgumentException($"sample rate {SampleRate} Hz is not a common audio rate");
        }

        if (TrainSpeakers < 1 || TrainClipsPerSpeaker < 1 || TestSpeakers < 1 || TestClipsPerSpeaker < 1)
        {
            throw new ArgumentException("each split needs at least one speaker with at least one clip");
        }

        if (TrainSpeakers + TestSpeakers > 999 || TrainClipsPerSpeaker > 999 || TestClipsPerSpeaker > 999)
        {
            throw new ArgumentException("at most 999 speakers and 999 clips per speaker (three-digit file names)");
        }

        if (TrainSnrsDb.Count == 0 || TestSnrsDb.Count == 0 || NoiseTypes.Count == 0)
        {
            throw new ArgumentException("each split needs at least one SNR and one noise type");
        }

        foreach (double snr in TrainSnrsDb.Concat(TestSnrsDb))
        {
            if (!double.IsFinite(snr) || snr is < -30 or > 60)
            {
                throw new ArgumentException($"SNR {snr} dB is outside [-30, 60]");
            }
        }

        Layout.Validate();
    }
}
