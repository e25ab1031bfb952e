using Perceptor.Audio.Synthesis;

namespace Perceptor.Audio.Tests.Synthesis;

public sealed class SignalSynthesisTests
{
    private static readonly SpeakerProfile Speaker = SpeakerProfile.FromSeed(42);

    [Fact]
    public void Without_a_floor_silence_outside_the_phrases_is_digital_silence_and_the_phrases_carry_the_speaker_level()
    {
        var utterance = new SpeechSynthesizer(16000, new UtteranceLayout { CleanFloorDbfs = null }).Synthesize(Speaker, 9);
        var inside = new bool[utterance.Samples.Length];
        foreach (var (start, length) in utterance.Phrases)
        {
            Array.Fill(inside, true, start, length);
        }

        for (int i = 0; i < inside.Length; i++)
        {
            if (!inside[i])
            {
                Assert.Equal(0f, utterance.Samples[i]);
            }
        }

        Assert.True(utterance.Phrases[0].Start > 0, "an utterance starts with silence");
        // The speaker level, unless a peak forced the utterance down.
        Assert.InRange(utterance.ActiveLevelDbfs, Speaker.LevelDbfs - 12, Speaker.LevelDbfs + 0.01);
        Assert.True(utterance.Samples.Max(Math.Abs) <= 0.9f);
    }

    [Theory]
    [InlineData(-60.0)]
    [InlineData(-70.0)]
    public void A_recording_floor_fills_the_silence_at_its_level(double floorDb)
    {
        var layout = floorDb == -70 ? new UtteranceLayout() : new UtteranceLayout { CleanFloorDbfs = floorDb };
        var utterance = new SpeechSynthesizer(16000, layout).Synthesize(Speaker, 9);
        int lead = utterance.Phrases[0].Start;
        double power = 0;
        for (int i = 0; i < lead; i++)
        {
            power += (double)utterance.Samples[i] * utterance.Samples[i];
        }

        Assert.Equal(floorDb, 10 * Math.Log10(power / lead), 1.0);
    }

    [Fact]
    public void Voiced_speech_is_periodic_at_the_speakers_pitch()
    {
        var utterance = new SpeechSynthesizer().Synthesize(Speaker, 3);
        // Normalised autocorrelation over the longest phrase, searched within ±9 semitones of the speaker's F0 (an
        // octave away would be a pitch-halving error of the test, not of the synthesiser): strongly periodic, with
        // its peak within the few semitones that accents and declination move the pitch.
        var (start, length) = utterance.Phrases.MaxBy(p => p.Length);
        var x = utterance.Samples.AsSpan(start, length);
        int minLag = (int)(16000 / (Speaker.F0Hz * 1.68));
        int maxLag = (int)(16000 / (Speaker.F0Hz / 1.68));
        double energy = 0;
        foreach (float v in x)
        {
            energy += (double)v * v;
        }

        int bestLag = 0;
        double best = double.MinValue;
        for (int lag = minLag; lag <= maxLag; lag++)
        {
            double sum = 0;
            for (int i = 0; i + lag < x.Length; i++)
            {
                sum += (double)x[i] * x[i + lag];
            }

            double normalised = sum / energy * x.Length / (x.Length - lag);
            if (normalised > best)
            {
                best = normalised;
                bestLag = lag;
            }
        }

        double pitch = 16000.0 / bestLag;
        double semitones = 12 * Math.Log2(pitch / Speaker.F0Hz);
        Assert.InRange(semitones, -5, 5);
        Assert.True(best > 0.3, $"peak normalised autocorrelation {best:0.00}");
    }

    [Theory]
    [InlineData(NoiseType.White)]
    [InlineData(NoiseType.Pink)]
    [InlineData(NoiseType.Brown)]
    [InlineData(NoiseType.Babble)]
    [InlineData(NoiseType.Hum)]
    [InlineData(NoiseType.Cafe)]
    public void Every_noise_type_comes_at_unit_rms_and_is_deterministic(NoiseType type)
    {
        var a = NoiseSynthesizer.Generate(type, 16000, 16000, 5);
        var b = NoiseSynthesizer.Generate(type, 16000, 16000, 5);
        Assert.Equal(a, b);
        double rms = Math.Sqrt(a.Sum(v => (double)v * v) / a.Length);
        Assert.Equal(1.0, rms, 3);
        Assert.All(a, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void White_pink_and_brown_noise_tilt_progressively_towards_low_frequencies()
    {
        double white = LowToHighRatio(NoiseSynthesizer.Generate(NoiseType.White, 32000, 16000, 1));
        double pink = LowToHighRatio(NoiseSynthesizer.Generate(NoiseType.Pink, 32000, 16000, 1));
        double brown = LowToHighRatio(NoiseSynthesizer.Generate(NoiseType.Brown, 32000, 16000, 1));
        Assert.True(white < pink && pink < brown, $"low/high power ratios: white {white:0.00}, pink {pink:0.00}, brown {brown:0.00}");
    }

    [Fact]
    public void Mixing_sets_the_snr_against_the_active_speech_level()
    {
        var utterance = new SpeechSynthesizer().Synthesize(Speaker, 4);
        var clean = (float[])utterance.Samples.Clone();
        var noise = NoiseSynthesizer.Generate(NoiseType.Pink, clean.Length, 16000, 8);
        var noisy = NoiseMixer.Mix(clean, utterance.ActiveLevelDbfs, noise, 5);

        double speech = 0;
        long count = 0;
        foreach (var (start, length) in utterance.Phrases)
        {
            for (int i = start; i < start + length; i++)
            {
                speech += (double)clean[i] * clean[i];
            }

            count += length;
        }

        double noisePower = 0;
        for (int i = 0; i < clean.Length; i++)
        {
            double d = noisy[i] - clean[i];
            noisePower += d * d;
        }

        double snr = 10 * Math.Log10(speech / count / (noisePower / clean.Length));
        Assert.Equal(5, snr, 1);
    }

    [Fact]
    public void A_loud_mixture_is_scaled_down_with_its_clean_signal_so_the_snr_survives()
    {
        var clean = new float[1000];
        var noise = new float[1000];
        for (int i = 0; i < clean.Length; i++)
        {
            clean[i] = 0.5f * MathF.Sin(i * 0.1f);
            noise[i] = i % 2 == 0 ? 1f : -1f;
        }

        var original = (float[])clean.Clone();
        var noisy = NoiseMixer.Mix(clean, -3, noise, -10);
        Assert.True(noisy.Max(Math.Abs) <= NoiseMixer.MaxPeak + 1e-6);
        float scale = clean[10] / original[10];
        Assert.True(scale < 1);
        for (int i = 0; i < clean.Length; i++)
        {
            Assert.Equal(original[i] * scale, clean[i], 6);
        }
    }

    /// <summary>Power below 500 Hz over power above 4 kHz, from a direct DFT over a few bins (slow but exact).</summary>
    private static double LowToHighRatio(float[] x)
    {
        double low = 0;
        double high = 0;
        for (int bin = 1; bin < 1024; bin += 8)
        {
            double f = bin * 16000.0 / 2048;
            double re = 0;
            double im = 0;
            for (int i = 0; i < 2048; i++)
            {
                re += x[i] * Math.Cos(2 * Math.PI * bin * i / 2048);
                im -= x[i] * Math.Sin(2 * Math.PI * bin * i / 2048);
            }

            double p = re * re + im * im;
            if (f < 500)
            {
                low += p;
            }
            else if (f > 4000)
            {
                high += p;
            }
        }

        return low / high;
    }
}
