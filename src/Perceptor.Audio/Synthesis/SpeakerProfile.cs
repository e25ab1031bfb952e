namespace Perceptor.Audio.Synthesis;

/// <summary>
/// The voice of one synthetic talker: everything that stays fixed across its utterances. Drawn from a seed, so a
/// speaker is reproducible by its seed alone.
/// </summary>
/// <param name="Seed">The seed the profile was drawn from (written to the corpus manifest).</param>
/// <param name="F0Hz">Mean fundamental frequency.</param>
/// <param name="F0RangeSemitones">How far accents move the pitch up or down.</param>
/// <param name="FormantScale">Vocal-tract scaling of the vowel formant targets (shorter tract, higher formants).</param>
/// <param name="SyllablesPerSecond">Speaking rate.</param>
/// <param name="Breathiness">Share of aspiration noise mixed into the voicing source, 0..1.</param>
/// <param name="Jitter">Relative standard deviation of the glottal period from one period to the next.</param>
/// <param name="LevelDbfs">Active speech level the utterances are scaled to, in dB relative to full scale.</param>
public sealed record SpeakerProfile(
    long Seed,
    double F0Hz,
    double F0RangeSemitones,
    double FormantScale,
    double SyllablesPerSecond,
    double Breathiness,
    double Jitter,
    double LevelDbfs)
{
    /// <summary>Draws a speaker from <paramref name="seed"/>: roughly half low-pitched, half high-pitched voices.</summary>
    public static SpeakerProfile FromSeed(long seed)
    {
        var rng = new SynthesisRandom(SynthesisRandom.Derive(0x5EA4E7UL, seed));
        bool high = rng.Chance(0.5);
        double f0 = high ? rng.Uniform(170, 240) : rng.Uniform(90, 140);
        double scale = high ? rng.Uniform(1.08, 1.2) : rng.Uniform(0.92, 1.04);
        return new SpeakerProfile(
            seed,
            f0,
            rng.Uniform(1.5, 4.0),
            scale,
            rng.Uniform(3.5, 5.5),
            rng.Uniform(0.02, 0.12),
            rng.Uniform(0.005, 0.015),
            rng.Uniform(-29, -23));
    }
}
