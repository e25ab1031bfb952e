using System.Text.Json;

namespace Perceptor.Audio.Synthesis;

/// <summary>
/// Writes a VoiceBank+DEMAND-style folder of synthetic speech-like pairs: <c>train/clean</c>, <c>train/noisy</c>,
/// <c>test/clean</c>, <c>test/noisy</c> (16-bit PCM WAV, identical names in clean and noisy), <c>manifest.csv</c>
/// and <c>corpus.json</c> (the options, written last, so a folder without it is an unfinished corpus).
/// Every clip is seeded from (corpus seed, split, speaker, utterance) alone, so the output is byte-identical for
/// a seed whatever the number of threads.
/// </summary>
public static class SyntheticCorpus
{
    /// <summary>Name of the file that marks a finished corpus and records how it was made.</summary>
    public const string MarkerFileName = "corpus.json";

    private const string GeneratorName = "perceptor-synthetic-speech/1";
    private static readonly string[] Splits = ["train", "test"];

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        IncludeFields = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>
    /// Generates the corpus into <paramref name="root"/>, or returns the existing one when <paramref name="root"/>
    /// already holds a finished corpus made with the same options. A corpus made with other options (or left
    /// unfinished) is replaced; a folder holding <c>train/</c> or <c>test/</c> that this generator did not write is
    /// refused, so nobody's data is overwritten.
    /// </summary>
    public static CorpusManifest Generate(string root, SyntheticCorpusOptions options, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        string marker = Path.Combine(root, MarkerFileName);
        string manifestPath = Path.Combine(root, CorpusManifest.FileName);
        string fingerprint = Fingerprint(options);
        if (File.Exists(marker) && File.Exists(manifestPath) && File.ReadAllText(marker) == fingerprint)
        {
            var existing = CorpusManifest.Read(manifestPath);
            if (IsComplete(root, existing))
            {
                return existing;
            }
        }

        PrepareFolder(root, marker);
        var jobs = Plan(options);
        var clips = new CorpusClip[jobs.Count];
        int done = 0;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        Parallel.For(0, jobs.Count, parallel, i =>
        {
            clips[i] = Render(root, options, jobs[i]);
            progress?.Report(Interlocked.Increment(ref done));
        });

        var manifest = new CorpusManifest(clips);
        manifest.Write(manifestPath);
        File.WriteAllText(marker, fingerprint);
        return manifest;
    }

    /// <summary>The speaker profile used for talker <paramref name="index"/> (0-based, training talkers first).</summary>
    public static SpeakerProfile Speaker(SyntheticCorpusOptions options, int index)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SpeakerProfile.FromSeed((long)(SynthesisRandom.Derive((ulong)options.Seed, 1, index) >> 1));
    }

    private static void PrepareFolder(string root, string marker)
    {
        bool hasSplits = Splits.Any(s => Directory.Exists(Path.Combine(root, s)));
        if (hasSplits && !File.Exists(marker) && !File.Exists(Path.Combine(root, CorpusManifest.FileName)))
        {
            throw new IOException(
                $"{Path.GetFullPath(root)}: holds train/ or test/ that the synthetic corpus generator did not write; " +
                "choose an empty or new folder");
        }

        // Our own corpus (finished or not): replace it whole, so no file of an older corpus survives.
        foreach (string split in Splits)
        {
            string dir = Path.Combine(root, split);
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        if (File.Exists(marker))
        {
            File.Delete(marker);
        }

        foreach (string split in Splits)
        {
            Directory.CreateDirectory(Path.Combine(root, split, "clean"));
            Directory.CreateDirectory(Path.Combine(root, split, "noisy"));
        }
    }

    private static bool IsComplete(string root, CorpusManifest manifest)
    {
        foreach (var clip in manifest.Clips)
        {
            if (!File.Exists(Path.Combine(root, clip.Split, "clean", clip.Name)) ||
                !File.Exists(Path.Combine(root, clip.Split, "noisy", clip.Name)))
            {
                return false;
            }
        }

        return manifest.Clips.Count > 0;
    }

    private static List<ClipJob> Plan(SyntheticCorpusOptions options)
    {
        var jobs = new List<ClipJob>();
        int speakerIndex = 0;
        for (int s = 0; s < Splits.Length; s++)
        {
            bool train = s == 0;
            int speakers = train ? options.TrainSpeakers : options.TestSpeakers;
            int perSpeaker = train ? options.TrainClipsPerSpeaker : options.TestClipsPerSpeaker;
            var snrs = train ? options.TrainSnrsDb : options.TestSnrsDb;
            var conditions = BalancedConditions(options, s, speakers * perSpeaker, snrs);
            int c = 0;
            for (int k = 0; k < speakers; k++, speakerIndex++)
            {
                for (int u = 0; u < perSpeaker; u++, c++)
                {
                    jobs.Add(new ClipJob(Splits[s], speakerIndex, u, conditions[c].Noise, conditions[c].Snr));
                }
            }
        }

        return jobs;
    }

    /// <summary>Every (noise, SNR) combination equally often, in a seeded order, so each split covers them all.</summary>
    private static List<(NoiseType Noise, double Snr)> BalancedConditions(SyntheticCorpusOptions options, int split, int count,
        IReadOnlyList<double> snrs)
    {
        var rng = new SynthesisRandom(SynthesisRandom.Derive((ulong)options.Seed, 3, split));
        var result = new List<(NoiseType, double)>(count);
        while (result.Count < count)
        {
            var round = new List<(NoiseType, double)>();
            foreach (var noise in options.NoiseTypes)
            {
                foreach (double snr in snrs)
                {
                    round.Add((noise, snr));
                }
            }

            for (int i = round.Count - 1; i > 0; i--)
            {
                int j = rng.Int(0, i);
                (round[i], round[j]) = (round[j], round[i]);
            }

            result.AddRange(round.Take(count - result.Count));
        }

        return result;
    }

    private static CorpusClip Render(string root, SyntheticCorpusOptions options, ClipJob job)
    {
        var speaker = Speaker(options, job.SpeakerIndex);
        ulong seed = SynthesisRandom.Derive((ulong)options.Seed, 2, job.SpeakerIndex, job.Utterance);
        var utterance = new SpeechSynthesizer(options.SampleRate, options.Layout).Synthesize(speaker, seed);
        var clean = utterance.Samples;
        var noise = NoiseSynthesizer.Generate(job.Noise, clean.Length, options.SampleRate,
            SynthesisRandom.Derive((ulong)options.Seed, 4, job.SpeakerIndex, job.Utterance));

        var noisy = NoiseMixer.Mix(clean, utterance.ActiveLevelDbfs, noise, job.Snr);

        string name = $"p{job.SpeakerIndex + 1:000}_{job.Utterance + 1:000}.wav";
        WavFile.Write(Path.Combine(root, job.Split, "clean", name), new AudioSignal(clean, options.SampleRate));
        WavFile.Write(Path.Combine(root, job.Split, "noisy", name), new AudioSignal(noisy, options.SampleRate));
        return new CorpusClip(job.Split, name, $"p{job.SpeakerIndex + 1:000}", speaker.Seed, job.Noise, job.Snr,
            Math.Round(utterance.DurationSeconds, 4), Math.Round(utterance.SpeechSeconds, 4));
    }

    private static string Fingerprint(SyntheticCorpusOptions options) =>
        JsonSerializer.Serialize(new { generator = GeneratorName, options }, JsonOptions);

    private sealed record ClipJob(string Split, int SpeakerIndex, int Utterance, NoiseType Noise, double Snr);
}
