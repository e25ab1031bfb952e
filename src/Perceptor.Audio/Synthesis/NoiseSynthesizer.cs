namespace Perceptor.Audio.Synthesis;

/// <summary>
/// Makes noise of each <see cref="NoiseType"/> at unit RMS, deterministically for a seed. Babble and café noise use
/// talkers drawn from their own seed range, so no corpus speaker ever appears in the noise.
/// </summary>
public static class NoiseSynthesizer
{
    // Babble talkers come from a seed range far from the corpus speakers'.
    private const long BabbleSpeakerSeedBase = 1L << 40;

    /// <summary>Returns <paramref name="length"/> samples of <paramref name="type"/> noise with RMS 1.</summary>
    public static float[] Generate(NoiseType type, int length, int sampleRate, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        var rng = new SynthesisRandom(seed);
        var x = new double[length];
        switch (type)
        {
            case NoiseType.White:
                for (int i = 0; i < length; i++)
                {
                    x[i] = rng.Gaussian();
                }

                break;
            case NoiseType.Pink:
                Pink(rng, x);
                break;
            case NoiseType.Brown:
                Brown(rng, x);
                break;
            case NoiseType.Babble:
                Babble(rng, x, sampleRate, rng.Int(4, 7));
                break;
            case NoiseType.Hum:
                Hum(rng, x, sampleRate);
                break;
            case NoiseType.Cafe:
                Cafe(rng, x, sampleRate);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "unknown noise type");
        }

        Normalise(x);
        var result = new float[length];
        for (int i = 0; i < length; i++)
        {
            result[i] = (float)x[i];
        }

        return result;
    }

    /// <summary>Paul Kellet's refined pink-noise filter (seven first-order sections; ±0.05 dB from 9.2 Hz to Nyquist at 44.1 kHz).</summary>
    private static void Pink(SynthesisRandom rng, double[] x)
    {
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double w = rng.Gaussian();
            b0 = 0.99886 * b0 + w * 0.0555179;
            b1 = 0.99332 * b1 + w * 0.0750759;
            b2 = 0.96900 * b2 + w * 0.1538520;
            b3 = 0.86650 * b3 + w * 0.3104856;
            b4 = 0.55000 * b4 + w * 0.5329522;
            b5 = -0.7616 * b5 - w * 0.0168980;
            x[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
            b6 = w * 0.115926;
        }
    }

    /// <summary>Leaky integration of white noise: -6 dB per octave above a corner near 13 Hz at 16 kHz.</summary>
    private static void Brown(SynthesisRandom rng, double[] x)
    {
        double y = 0;
        for (int i = 0; i < 2000; i++)
        {
            y = 0.995 * y + rng.Gaussian();
        }

        for (int i = 0; i < x.Length; i++)
        {
            y = 0.995 * y + rng.Gaussian();
            x[i] = y;
        }

        RemoveMean(x);
    }

    private static void Babble(SynthesisRandom rng, double[] x, int sampleRate, int talkers)
    {
        var synthesizer = new SpeechSynthesizer(sampleRate, UtteranceLayout.Babble);
        var talker = new double[x.Length];
        for (int t = 0; t < talkers; t++)
        {
            var speaker = SpeakerProfile.FromSeed(BabbleSpeakerSeedBase + (long)(rng.NextUInt64() >> 24));
            Array.Clear(talker);
            int cursor = -rng.Int(0, sampleRate * 2);
            while (cursor < x.Length)
            {
                var utterance = synthesizer.Synthesize(speaker, rng.NextUInt64());
                for (int i = 0; i < utterance.Samples.Length; i++)
                {
                    int j = cursor + i;
                    if (j >= 0 && j < x.Length)
                    {
                        talker[j] = utterance.Samples[i];
                    }
                }

                cursor += utterance.Samples.Length;
            }

            double rms = Rms(talker);
            double gain = rms > 0 ? Math.Pow(10, rng.Uniform(-3, 3) / 20) / rms : 0;
            for (int i = 0; i < x.Length; i++)
            {
                x[i] += gain * talker[i];
            }
        }
    }

    private static void Hum(SynthesisRandom rng, double[] x, int sampleRate)
    {
        double mains = rng.Chance(0.5) ? 50 : 60;
        int harmonics = (int)Math.Min(15, 0.45 * sampleRate / mains);
        var phases = new double[harmonics];
        var amplitudes = new double[harmonics];
        for (int k = 0; k < harmonics; k++)
        {
            phases[k] = rng.Uniform(0, 2 * Math.PI);
            // Odd harmonics dominate the buzz of rectifiers and transformers.
            amplitudes[k] = Math.Pow(k + 1, -0.8) * ((k + 1) % 2 == 1 ? 1.0 : 0.4);
        }

        double drift = rng.Uniform(-0.3, 0.3);
        double wobblePhase = rng.Uniform(0, 2 * Math.PI);
        for (int i = 0; i < x.Length; i++)
        {
            double t = (double)i / sampleRate;
            double sum = 0;
            for (int k = 0; k < harmonics; k++)
            {
                sum += amplitudes[k] * Math.Sin(2 * Math.PI * (k + 1) * (mains + drift) * t + phases[k]);
            }

            x[i] = sum * (1 + 0.1 * Math.Sin(2 * Math.PI * 0.5 * t + wobblePhase)) + 0.03 * rng.Gaussian();
        }
    }

    private static void Cafe(SynthesisRandom rng, double[] x, int sampleRate)
    {
        var bed = new double[x.Length];
        Pink(rng, bed);
        Normalise(bed);
        var crowd = new double[x.Length];
        Babble(rng, crowd, sampleRate, rng.Int(2, 3));
        Normalise(crowd);

        double p1 = rng.Uniform(0, 2 * Math.PI);
        double p2 = rng.Uniform(0, 2 * Math.PI);
        double slow = rng.Uniform(0.2, 0.5);
        double fast = rng.Uniform(0.9, 1.6);
        for (int i = 0; i < x.Length; i++)
        {
            double t = (double)i / sampleRate;
            double modulation = 1 + 0.4 * Math.Sin(2 * Math.PI * slow * t + p1) + 0.25 * Math.Sin(2 * Math.PI * fast * t + p2);
            x[i] = modulation * bed[i] + 0.6 * crowd[i];
        }

        // Clatter: cups and cutlery as decaying resonant bursts at about 1.5 events per second.
        double seconds = (double)x.Length / sampleRate;
        int events = (int)Math.Round(seconds * 1.5 * rng.Uniform(0.6, 1.4));
        for (int e = 0; e < events; e++)
        {
            int start = rng.Int(0, x.Length - 1);
            var resonator = default(Resonator);
            resonator.Tune(rng.Uniform(2000, Math.Min(6500, 0.42 * sampleRate)), 600, sampleRate);
            double tau = rng.Uniform(0.005, 0.03) * sampleRate;
            double amplitude = rng.Uniform(2, 6);
            int length = Math.Min((int)(6 * tau), x.Length - start);
            for (int j = 0; j < length; j++)
            {
                x[start + j] += amplitude * Math.Exp(-j / tau) * resonator.Process(rng.Gaussian());
            }
        }
    }

    private static void RemoveMean(double[] x)
    {
        double mean = 0;
        foreach (double v in x)
        {
            mean += v;
        }

        mean /= x.Length;
        for (int i = 0; i < x.Length; i++)
        {
            x[i] -= mean;
        }
    }

    private static void Normalise(double[] x)
    {
        double rms = Rms(x);
        if (rms <= 0)
        {
            return;
        }

        for (int i = 0; i < x.Length; i++)
        {
            x[i] /= rms;
        }
    }

    private static double Rms(double[] x)
    {
        double sum = 0;
        foreach (double v in x)
        {
            sum += v * v;
        }

        return Math.Sqrt(sum / x.Length);
    }
}
