namespace Perceptor.Audio.Synthesis;

/// <summary>
/// Makes speech-like utterances by source-filter synthesis: a Rosenberg glottal pulse train (differentiated for lip
/// radiation) at a moving F0 with jitter and shimmer, plus aspiration noise, through a cascade of five formant
/// resonators (F1-F3 gliding between vowel targets, F4 and F5 fixed per speaker); unvoiced onsets (fricatives, plosive bursts, /h/) from filtered noise;
/// syllable-rate amplitude envelopes, phrase-level pitch declination, pauses and long silent gaps.
/// Not intelligible speech, but it has what PESQ, a VAD and an enhancement model react to: harmonic structure,
/// formants, onsets, a syllabic rhythm and silence. Deterministic for a (speaker, seed) pair.
/// </summary>
public sealed class SpeechSynthesizer
{
    // Peterson & Barney (1952) mean adult formant frequencies F1..F3 in Hz for ten American English vowels;
    // the speaker's formant scale moves them, F4 sits near 3.5 kHz.
    private static readonly double[][] VowelTargets =
    [
        [270, 2290, 3010],
        [390, 1990, 2550],
        [530, 1840, 2480],
        [660, 1720, 2410],
        [730, 1090, 2440],
        [570, 840, 2410],
        [440, 1020, 2240],
        [300, 870, 2240],
        [640, 1190, 2390],
        [490, 1350, 1690],
    ];

    private static readonly double[] FormantBandwidths = [70, 95, 140, 200, 300];
    private const int RetuneEvery = 16;
    private const int Formants = 5;
    private const double RosenbergRise = 0.40;
    private const double RosenbergFall = 0.16;
    private const double HighTilt = 0.8;

    private readonly int _sampleRate;
    private readonly UtteranceLayout _layout;

    /// <summary>A synthesiser at <paramref name="sampleRate"/> Hz laying utterances out by <paramref name="layout"/>.</summary>
    public SpeechSynthesizer(int sampleRate = 16000, UtteranceLayout? layout = null)
    {
        if (sampleRate < 8000)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "the synthesiser needs at least 8000 Hz");
        }

        _sampleRate = sampleRate;
        _layout = layout ?? new UtteranceLayout();
        _layout.Validate();
    }

    /// <summary>Synthesises one utterance of <paramref name="speaker"/>; the same seed gives the same samples.</summary>
    public SynthesizedUtterance Synthesize(SpeakerProfile speaker, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(speaker);
        var rng = new SynthesisRandom(seed);
        var plan = PlanPhrases(speaker, rng);

        int total = plan.TotalSamples;
        var voiced = new double[total];
        var unvoiced = new double[total];
        var phrases = new List<(int Start, int Length)>(plan.Phrases.Count);
        foreach (var phrase in plan.Phrases)
        {
            RenderPhrase(speaker, phrase, rng, voiced, unvoiced);
            phrases.Add((phrase.Start, phrase.Length));
        }

        // Unvoiced sounds sit 8-16 dB under the vowels, as fricatives do in running speech.
        double voicedRms = Rms(voiced, phrases);
        double unvoicedRms = ActiveRms(unvoiced);
        double unvoicedGain = unvoicedRms > 0 ? voicedRms / unvoicedRms * Math.Pow(10, rng.Uniform(-16, -8) / 20) : 0;
        var mix = new double[total];
        for (int i = 0; i < total; i++)
        {
            mix[i] = voiced[i] + unvoicedGain * unvoiced[i];
        }

        double active = Rms(mix, phrases);
        double gain = active > 0 ? Math.Pow(10, speaker.LevelDbfs / 20) / active : 0;
        double peak = 0;
        for (int i = 0; i < total; i++)
        {
            peak = Math.Max(peak, Math.Abs(mix[i] * gain));
        }

        // A loud plosive must not clip the file: lower the whole utterance instead.
        if (peak > 0.89)
        {
            gain *= 0.89 / peak;
        }

        var samples = new float[total];
        double floor = _layout.CleanFloorDbfs is { } db ? Math.Pow(10, db / 20) : 0;
        for (int i = 0; i < total; i++)
        {
            double x = mix[i] * gain;
            if (floor > 0)
            {
                x += floor * rng.Gaussian();
            }

            samples[i] = (float)x;
        }

        double level = 20 * Math.Log10(Math.Max(Rms(samples, phrases), 1e-12));
        return new SynthesizedUtterance(samples, _sampleRate, phrases, level);
    }

    private PhrasePlan PlanPhrases(SpeakerProfile speaker, SynthesisRandom rng)
    {
        var layout = _layout;
        double speechTarget = rng.Uniform(layout.SpeechSeconds.Min, layout.SpeechSeconds.Max);
        int cursor = Samples(rng.Uniform(layout.LeadingSilenceSeconds.Min, layout.LeadingSilenceSeconds.Max));
        var phrases = new List<Phrase>();
        double speech = 0;
        while (speech < speechTarget)
        {
            if (phrases.Count > 0)
            {
                var gap = rng.Chance(layout.LongGapProbability) ? layout.LongGapSeconds : layout.PauseSeconds;
                cursor += Samples(rng.Uniform(gap.Min, gap.Max));
            }

            // The last phrase stops near the target instead of overshooting it by a whole phrase.
            int remaining = (int)Math.Ceiling((speechTarget - speech) * speaker.SyllablesPerSecond);
            int count = Math.Clamp(rng.Int(layout.PhraseSyllables.Min, layout.PhraseSyllables.Max), 1, Math.Max(1, remaining));
            var syllables = new List<Syllable>(count);
            int length = 0;
            for (int k = 0; k < count; k++)
            {
                var syllable = PlanSyllable(speaker, rng, length);
                syllables.Add(syllable);
                length += syllable.Length;
            }

            phrases.Add(new Phrase(cursor, length, syllables));
            cursor += length;
            speech += (double)length / _sampleRate;
        }

        cursor += Samples(rng.Uniform(layout.TrailingSilenceSeconds.Min, layout.TrailingSilenceSeconds.Max));
        return new PhrasePlan(phrases, Math.Max(cursor, 1));
    }

    private Syllable PlanSyllable(SpeakerProfile speaker, SynthesisRandom rng, int offset)
    {
        double seconds = rng.Uniform(0.7, 1.35) / speaker.SyllablesPerSecond;
        int length = Math.Max(Samples(seconds), Samples(0.08));
        double draw = rng.NextDouble();
        var onset = draw switch
        {
            < 0.35 => OnsetKind.None,
            < 0.68 => OnsetKind.Fricative,
            < 0.9 => OnsetKind.Plosive,
            _ => OnsetKind.Aspirate,
        };
        int onsetLength = onset switch
        {
            OnsetKind.None => 0,
            OnsetKind.Fricative => Samples(rng.Uniform(0.05, 0.12)),
            OnsetKind.Plosive => Samples(rng.Uniform(0.05, 0.09)),
            _ => Samples(rng.Uniform(0.04, 0.08)),
        };
        onsetLength = Math.Min(onsetLength, length / 2);
        double noiseCentre = onset == OnsetKind.Plosive ? rng.Uniform(1500, 4500) : rng.Pick([2800.0, 4200.0, 5500.0, 6500.0]);
        noiseCentre = Math.Min(noiseCentre, 0.42 * _sampleRate);
        double accent = rng.Chance(0.4) ? rng.Uniform(0.4, 1.0) * speaker.F0RangeSemitones : rng.Uniform(-0.3, 0.3) * speaker.F0RangeSemitones;
        double loudness = Math.Pow(10, (accent > 0.3 * speaker.F0RangeSemitones ? rng.Uniform(1, 3) : rng.Uniform(-3, 0)) / 20);
        return new Syllable(offset, length, onset, onsetLength, rng.Int(0, VowelTargets.Length - 1), noiseCentre, accent, loudness);
    }

    private void RenderPhrase(SpeakerProfile speaker, Phrase phrase, SynthesisRandom rng, double[] voiced, double[] unvoiced)
    {
        int n = phrase.Length;
        var f0 = new double[n];
        var voicing = new double[n];
        var aspiration = new double[n];
        var formants = new double[Formants][];
        for (int f = 0; f < Formants; f++)
        {
            formants[f] = new double[n];
        }

        FillContours(speaker, phrase, rng, f0, voicing, aspiration, formants);
        RenderVoicedBranch(speaker, phrase.Start, rng, f0, voicing, aspiration, formants, voiced);
        RenderOnsets(phrase, rng, unvoiced);
    }

    private void FillContours(SpeakerProfile speaker, Phrase phrase, SynthesisRandom rng, double[] f0, double[] voicing,
        double[] aspiration, double[][] formants)
    {
        int n = phrase.Length;
        double wanderPhase1 = rng.Uniform(0, 2 * Math.PI);
        double wanderPhase2 = rng.Uniform(0, 2 * Math.PI);
        double declineStart = rng.Uniform(1.0, 2.5);
        double declineEnd = rng.Uniform(-3.0, -1.5);
        var syllables = phrase.Syllables;

        // Vowel centres are the formant keypoints; formants glide linearly between consecutive centres.
        var centres = new int[syllables.Count];
        for (int k = 0; k < syllables.Count; k++)
        {
            var s = syllables[k];
            centres[k] = s.Offset + s.OnsetLength + (s.Length - s.OnsetLength) / 2;
        }

        int key = 0;
        for (int i = 0; i < n; i++)
        {
            double t = (double)i / _sampleRate;
            double semitones = declineStart + (declineEnd - declineStart) * i / n
                + 0.25 * Math.Sin(2 * Math.PI * 0.7 * t + wanderPhase1) + 0.15 * Math.Sin(2 * Math.PI * 1.9 * t + wanderPhase2);

            while (key + 1 < centres.Length && i >= centres[key + 1])
            {
                key++;
            }

            int next = Math.Min(key + 1, centres.Length - 1);
            double alpha = next == key || i <= centres[key] ? 0 : (double)(i - centres[key]) / (centres[next] - centres[key]);
            if (i < centres[0])
            {
                alpha = 0;
            }

            var a = VowelTargets[syllables[key].Vowel];
            var b = VowelTargets[syllables[next].Vowel];
            double smooth = alpha * alpha * (3 - 2 * alpha);
            for (int f = 0; f < 3; f++)
            {
                formants[f][i] = speaker.FormantScale * (a[f] + (b[f] - a[f]) * smooth);
            }

            formants[3][i] = speaker.FormantScale * 3500;
            formants[4][i] = Math.Min(speaker.FormantScale * 4500, 0.45 * _sampleRate);
            f0[i] = semitones;
        }

        foreach (var s in syllables)
        {
            int vowelStart = s.Offset + s.OnsetLength;
            int vowelLength = s.Length - s.OnsetLength;
            int attack = Math.Min(Samples(0.025), vowelLength / 3);
            int release = Math.Min(Samples(0.05), vowelLength / 3);
            for (int j = 0; j < vowelLength; j++)
            {
                int i = vowelStart + j;
                double x = (j + 0.5) / vowelLength;
                // Syllabic amplitude modulation: a broad hump, with short raised-cosine edges so nothing clicks.
                double env = Math.Pow(Math.Sin(Math.PI * x), 0.5);
                if (j < attack)
                {
                    env *= 0.5 - 0.5 * Math.Cos(Math.PI * j / attack);
                }
                else if (j >= vowelLength - release)
                {
                    env *= 0.5 - 0.5 * Math.Cos(Math.PI * (vowelLength - j) / release);
                }

                voicing[i] = s.Loudness * env;
                double bump = (x - 0.45) / 0.35;
                f0[i] += s.Accent * Math.Exp(-bump * bump);
            }

            if (s.Onset == OnsetKind.Aspirate)
            {
                for (int j = 0; j < s.OnsetLength; j++)
                {
                    aspiration[s.Offset + j] = 0.6 * Math.Sin(Math.PI * (j + 0.5) / s.OnsetLength);
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            f0[i] = speaker.F0Hz * Math.Pow(2, f0[i] / 12);
        }
    }

    private void RenderVoicedBranch(SpeakerProfile speaker, int start, SynthesisRandom rng, double[] f0, double[] voicing,
        double[] aspiration, double[][] formants, double[] output)
    {
        var cascade = new Resonator[Formants];
        double phase = rng.NextDouble();
        double periodScale = 1;
        double shimmer = 1;
        double previousFlow = 0;
        double breath = speaker.Breathiness;
        double previousOut = 0;
        for (int i = 0; i < f0.Length; i++)
        {
            if (i % RetuneEvery == 0)
            {
                for (int f = 0; f < Formants; f++)
                {
                    cascade[f].Tune(formants[f][i], FormantBandwidths[f], _sampleRate);
                }
            }

            phase += f0[i] * periodScale / _sampleRate;
            if (phase >= 1)
            {
                phase -= Math.Floor(phase);
                periodScale = 1 + speaker.Jitter * rng.Gaussian();
                shimmer = 1 + 3 * speaker.Jitter * rng.Gaussian();
            }

            double flow = RosenbergFlow(phase) * shimmer;
            // Lip radiation differentiates the glottal flow; scaling by fs/f0 keeps the level independent of pitch.
            double source = (flow - previousFlow) * _sampleRate / f0[i];
            previousFlow = flow;
            double noise = rng.Gaussian();
            double excitation = voicing[i] * (source * (1 - breath) + breath * noise * (0.3 + flow))
                + aspiration[i] * noise;

            double y = excitation;
            for (int f = 0; f < Formants; f++)
            {
                y = cascade[f].Process(y);
            }

            // A five-resonator cascade falls too steeply above F5; this first-order tilt (about +6 dB per octave above
            // 1 kHz) stands in for the higher poles and the lip radiation, bringing the long-term spectrum near the
            // average speech spectrum of ITU-T P.50 (about -20 dB at 4 kHz relative to 500 Hz).
            output[start + i] += y - HighTilt * previousOut;
            previousOut = y;
        }
    }

    private void RenderOnsets(Phrase phrase, SynthesisRandom rng, double[] output)
    {
        foreach (var s in phrase.Syllables)
        {
            if (s.Onset is OnsetKind.None or OnsetKind.Aspirate || s.OnsetLength == 0)
            {
                continue;
            }

            var resonator = default(Resonator);
            int begin = phrase.Start + s.Offset;
            if (s.Onset == OnsetKind.Fricative)
            {
                resonator.Tune(s.NoiseCentre, 0.45 * s.NoiseCentre, _sampleRate);
                int edge = Math.Max(1, Math.Min(Samples(0.015), s.OnsetLength / 3));
                for (int j = 0; j < s.OnsetLength; j++)
                {
                    double env = j < edge ? (double)j / edge : j >= s.OnsetLength - edge ? (double)(s.OnsetLength - j) / edge : 1;
                    // The raw noise term keeps energy above the resonance, as sibilants have.
                    double noise = rng.Gaussian();
                    output[begin + j] += env * (resonator.Process(noise) + 0.15 * noise);
                }
            }
            else
            {
                // Closure (silence) for most of the onset, then a short decaying burst just before the vowel.
                int burst = Math.Min(Samples(rng.Uniform(0.008, 0.016)), s.OnsetLength);
                int burstStart = s.OnsetLength - burst;
                resonator.Tune(s.NoiseCentre, 1500, _sampleRate);
                double tau = 0.35 * burst;
                for (int j = 0; j < burst; j++)
                {
                    output[begin + burstStart + j] += 2.5 * Math.Exp(-j / tau) * resonator.Process(rng.Gaussian());
                }
            }
        }
    }

    /// <summary>Rosenberg (1971) type-C glottal flow over one period, phase in [0, 1).</summary>
    private static double RosenbergFlow(double phase)
    {
        if (phase < RosenbergRise)
        {
            return 0.5 * (1 - Math.Cos(Math.PI * phase / RosenbergRise));
        }

        if (phase < RosenbergRise + RosenbergFall)
        {
            return Math.Cos(0.5 * Math.PI * (phase - RosenbergRise) / RosenbergFall);
        }

        return 0;
    }

    private static double Rms(ReadOnlySpan<double> x, IReadOnlyList<(int Start, int Length)> spans)
    {
        double sum = 0;
        long count = 0;
        foreach (var (start, length) in spans)
        {
            for (int i = start; i < start + length; i++)
            {
                sum += x[i] * x[i];
            }

            count += length;
        }

        return count > 0 ? Math.Sqrt(sum / count) : 0;
    }

    private static double Rms(ReadOnlySpan<float> x, IReadOnlyList<(int Start, int Length)> spans)
    {
        double sum = 0;
        long count = 0;
        foreach (var (start, length) in spans)
        {
            for (int i = start; i < start + length; i++)
            {
                sum += (double)x[i] * x[i];
            }

            count += length;
        }

        return count > 0 ? Math.Sqrt(sum / count) : 0;
    }

    private static double ActiveRms(ReadOnlySpan<double> x)
    {
        double sum = 0;
        long count = 0;
        foreach (double v in x)
        {
            if (v != 0)
            {
                sum += v * v;
                count++;
            }
        }

        return count > 0 ? Math.Sqrt(sum / count) : 0;
    }

    private int Samples(double seconds) => (int)Math.Round(seconds * _sampleRate);

    private enum OnsetKind
    {
        None,
        Fricative,
        Plosive,
        Aspirate,
    }

    private sealed record Syllable(int Offset, int Length, OnsetKind Onset, int OnsetLength, int Vowel, double NoiseCentre,
        double Accent, double Loudness);

    private sealed record Phrase(int Start, int Length, IReadOnlyList<Syllable> Syllables);

    private sealed record PhrasePlan(IReadOnlyList<Phrase> Phrases, int TotalSamples);
}
