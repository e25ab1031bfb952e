namespace Perceptor.Audio.Synthesis;

/// <summary>
/// How an utterance is laid out in time: silence before and after, phrases of syllables, short pauses between
/// phrases and, sometimes, long gaps. The gaps and the leading/trailing silence are what make a random training crop
/// of one or two seconds land in near-silence now and then, as happens with real recordings.
/// </summary>
public sealed record UtteranceLayout
{
    /// <summary>Seconds of speech (syllables, not pauses) per utterance, drawn uniformly in this range.</summary>
    public (double Min, double Max) SpeechSeconds { get; init; } = (1.2, 3.0);

    /// <summary>Silence before the first phrase.</summary>
    public (double Min, double Max) LeadingSilenceSeconds { get; init; } = (0.2, 1.4);

    /// <summary>Silence after the last phrase.</summary>
    public (double Min, double Max) TrailingSilenceSeconds { get; init; } = (0.2, 1.4);

    /// <summary>An ordinary pause between phrases.</summary>
    public (double Min, double Max) PauseSeconds { get; init; } = (0.12, 0.45);

    /// <summary>A long gap between phrases (hesitation, turn end).</summary>
    public (double Min, double Max) LongGapSeconds { get; init; } = (0.9, 2.0);

    /// <summary>Probability that a break between two phrases is a long gap instead of a pause.</summary>
    public double LongGapProbability { get; init; } = 0.3;

    /// <summary>Syllables per phrase.</summary>
    public (int Min, int Max) PhraseSyllables { get; init; } = (2, 6);

    /// <summary>
    /// Level of the recording noise floor in the clean signal, in dBFS (RMS of white noise); null leaves silences
    /// digitally silent. Real clean recordings have a floor, and it matters: against a digitally silent reference,
    /// wideband PESQ punishes any noise in the pauses so hard that a 20 dB SNR mixture scores near 1.2; with a
    /// -70 dBFS floor the same mixture scores near 2, as recorded speech does. A crop holding only the floor still has
    /// no utterance for PESQ, so silent crops fail as they do with real data.
    /// </summary>
    public double? CleanFloorDbfs { get; init; } = -70;

    /// <summary>A compact layout for babble talkers: no long gaps, little silence.</summary>
    public static UtteranceLayout Babble { get; } = new()
    {
        LeadingSilenceSeconds = (0.0, 0.1),
        TrailingSilenceSeconds = (0.0, 0.1),
        LongGapProbability = 0.0,
        SpeechSeconds = (2.5, 4.0),
    };

    internal void Validate()
    {
        Check(SpeechSeconds, nameof(SpeechSeconds), positive: true);
        Check(LeadingSilenceSeconds, nameof(LeadingSilenceSeconds), positive: false);
        Check(TrailingSilenceSeconds, nameof(TrailingSilenceSeconds), positive: false);
        Check(PauseSeconds, nameof(PauseSeconds), positive: false);
        Check(LongGapSeconds, nameof(LongGapSeconds), positive: false);
        if (LongGapProbability is < 0 or > 1)
        {
            throw new ArgumentException($"{nameof(LongGapProbability)} must be in [0, 1], got {LongGapProbability}");
        }

        if (PhraseSyllables.Min < 1 || PhraseSyllables.Max < PhraseSyllables.Min)
        {
            throw new ArgumentException($"{nameof(PhraseSyllables)} must be 1 <= min <= max, got {PhraseSyllables}");
        }
    }

    private static void Check((double Min, double Max) range, string name, bool positive)
    {
        if (!double.IsFinite(range.Min) || !double.IsFinite(range.Max) || range.Min < 0 || range.Max < range.Min ||
            (positive && range.Max <= 0))
        {
            throw new ArgumentException($"{name} must be a finite range 0 <= min <= max{(positive ? ", max > 0" : "")}, got {range}");
        }
    }
}
