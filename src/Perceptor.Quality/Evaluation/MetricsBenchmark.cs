using System.Diagnostics;
using Perceptor.Audio;
using Perceptor.Quality.Composite;
using Perceptor.Quality.Pesq;
using Perceptor.Quality.Stoi;

namespace Perceptor.Quality.Evaluation;

/// <summary>
/// Times the evaluation table: each metric alone and the full table single-threaded, and the batch scorer on all
/// cores. Reports medians over repetitions, normalised to a 3.5 s file (the VoiceBank test-set average length).
/// </summary>
public static class MetricsBenchmark
{
    /// <summary>Reference file duration the times are normalised to.</summary>
    public const double ReferenceSeconds = 3.5;

    /// <summary>Runs the benchmark; <paramref name="log"/> receives a line per stage.</summary>
    public static MetricsBenchmarkResult Run(MetricsBenchmarkOptions options, Action<string>? log = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Files, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Repeats, 1);
        var (pairs, source) = LoadPairs(options);
        double seconds = pairs.Sum(p => p.Clean.Length) / (double)QualityScorer.EvaluationRate;
        double scale = ReferenceSeconds / seconds; // ms for all files → ms per 3.5 s of audio
        var c16 = pairs.Select(p => Integer(p.Clean.Span)).ToList();
        var p16 = pairs.Select(p => Integer(p.Processed.Span)).ToList();

        var ssnr = new SegmentalSnr();
        var llr = new LogLikelihoodRatio();
        var wss = new WeightedSpectralSlope();
        var stoi = new StoiCalculator();
        var estoi = new EstoiCalculator();
        var frontEnd = new StoiFrontEnd();
        var scorer = new QualityScorer();
        bool pesqAvailable = PesqAvailable(pairs[0]);

        double Time(string name, Action<int> perFile)
        {
            var samples = new double[options.Repeats];
            for (int r = -1; r < options.Repeats; r++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < pairs.Count; i++)
                {
                    perFile(i);
                }

                if (r >= 0) // the first pass warms up the JIT and the buffers
                {
                    samples[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds * scale;
                }
            }

            double median = Median(samples);
            log?.Invoke($"{name}: {median:0.00} ms per {ReferenceSeconds} s file (median of {options.Repeats})");
            return median;
        }

        double ssnrMs = Time("SSNR", i => ssnr.Compute(c16[i], p16[i]));
        double llrMs = Time("LLR", i => llr.Compute(c16[i], p16[i]));
        double wssMs = Time("WSS", i => wss.Compute(c16[i], p16[i]));
        double stoiMs = Time("STOI", i => stoi.Compute(c16[i], p16[i], QualityScorer.EvaluationRate));
        double siSdrMs = Time("SI-SDR", i => ScaleInvariantSdr.Compute(pairs[i].Clean.Span, pairs[i].Processed.Span));
        double estoiMs = Time("ESTOI", i => estoi.Compute(c16[i], p16[i], QualityScorer.EvaluationRate));
        double frontEndMs = Time("STOI/ESTOI front end", i => frontEnd.Analyse(c16[i], p16[i], QualityScorer.EvaluationRate, out _));

        // In the table ESTOI scores the envelopes STOI's front end already made: time that part alone, on front ends
        // analysed once per file beforehand.
        var analysed = Enumerable.Range(0, pairs.Count).Select(i =>
        {
            var f = new StoiFrontEnd();
            f.Analyse(c16[i], p16[i], QualityScorer.EvaluationRate, out _);
            return new EstoiCalculator(f);
        }).ToList();
        double estoiSharedMs = Time("ESTOI on STOI's front end", i => analysed[i].ScoreAnalysed());
        log?.Invoke($"SI-SDR and ESTOI add {siSdrMs + estoiSharedMs:0.00} ms per {ReferenceSeconds} s file to a table that " +
            "already computes STOI (SI-SDR plus ESTOI on the shared front end)");
        double? pesqMs = pesqAvailable
            ? Time("PESQ (wideband)", i => PesqScorer.Score(pairs[i].Clean.Span, pairs[i].Processed.Span, QualityScorer.EvaluationRate, PesqMode.Wideband))
            : null;
        if (!pesqAvailable)
        {
            log?.Invoke("PESQ: not available in this build; the table times below exclude it");
        }

        double tableMs = Time("full table, 1 thread", i => scorer.Score(pairs[i].Clean.Span, pairs[i].Processed.Span, QualityScorer.EvaluationRate));

        int threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        int copies = Math.Max(1, ((4 * threads) / pairs.Count) + 1);
        var batch = Enumerable.Range(0, copies).SelectMany(_ => pairs).ToList();
        double batchScale = ReferenceSeconds / (seconds * copies);
        var wall = new double[options.Repeats];
        for (int r = -1; r < options.Repeats; r++)
        {
            long start = Stopwatch.GetTimestamp();
            BatchQualityScorer.Score(batch, null, threads, null, cancellationToken);
            if (r >= 0)
            {
                wall[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds * batchScale;
            }
        }

        double allMs = Median(wall);
        log?.Invoke($"full table, {threads} threads: {allMs:0.00} ms per {ReferenceSeconds} s file (wall time / files, median of {options.Repeats})");
        return new MetricsBenchmarkResult(pairs.Count, options.Repeats, threads, seconds / pairs.Count,
            ssnrMs, llrMs, wssMs, stoiMs, siSdrMs, estoiMs, frontEndMs, estoiSharedMs, pesqMs, tableMs, allMs, source);
    }

    private static bool PesqAvailable(QualityPair pair)
    {
        try
        {
            PesqScorer.Score(pair.Clean.Span, pair.Processed.Span, QualityScorer.EvaluationRate, PesqMode.Wideband);
            return true;
        }
        catch (NotImplementedException)
        {
            return false;
        }
    }

    private static (List<QualityPair> Pairs, string Source) LoadPairs(MetricsBenchmarkOptions options)
    {
        if (options.DataDirectory is null)
        {
            var pairs = new List<QualityPair>();
            for (int i = 0; i < options.Files; i++)
            {
                var (clean, noisy) = SyntheticPair(i, (int)(ReferenceSeconds * QualityScorer.EvaluationRate));
                pairs.Add(new QualityPair($"synthetic_{i}", clean, noisy, QualityScorer.EvaluationRate));
            }

            return (pairs, $"{options.Files} synthetic speech-like pairs of {ReferenceSeconds} s");
        }

        string cleanDir = Path.Combine(options.DataDirectory, "clean");
        string noisyDir = Path.Combine(options.DataDirectory, "noisy");
        var names = Directory.EnumerateFiles(cleanDir, "*.wav").Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .Where(n => File.Exists(Path.Combine(noisyDir, n!))).Take(options.Files).ToList();
        if (names.Count == 0)
        {
            throw new InvalidDataException($"no clean/noisy WAV pairs under {options.DataDirectory} (expected clean/ and noisy/)");
        }

        var loaded = names.Select(n =>
        {
            var c = WavFile.Read(Path.Combine(cleanDir, n!));
            var d = WavFile.Read(Path.Combine(noisyDir, n!));
            if (c.SampleRate != QualityScorer.EvaluationRate || d.SampleRate != QualityScorer.EvaluationRate)
            {
                throw new InvalidDataException($"{n}: the benchmark needs 16 kHz files");
            }

            int length = Math.Min(c.Length, d.Length);
            return new QualityPair(n!, c.Samples.AsMemory(0, length), d.Samples.AsMemory(0, length), QualityScorer.EvaluationRate);
        }).ToList();
        return (loaded, $"{loaded.Count} pairs from {options.DataDirectory}");
    }

    /// <summary>
    /// A voiced, syllable-like clean signal (harmonics of a gliding 100–220 Hz pitch under a syllable envelope, with
    /// pauses) and the same plus white noise at about 5 dB SNR. Deterministic for a given index.
    /// </summary>
    private static (float[] Clean, float[] Noisy) SyntheticPair(int index, int length)
    {
        var rng = new Random(1000 + index);
        var clean = new float[length];
        var noisy = new float[length];
        double phase = 0;
        const double rate = QualityScorer.EvaluationRate;
        for (int n = 0; n < length; n++)
        {
            double t = n / rate;
            double f0 = 140 + (60 * Math.Sin((2 * Math.PI * 0.7 * t) + index));
            phase += 2 * Math.PI * f0 / rate;
            double syllable = Math.Max(0, Math.Sin(2 * Math.PI * 2.5 * t)); // ~200 ms syllables, silent gaps between
            double v = 0;
            for (int h = 1; h <= 20; h++)
            {
                v += Math.Sin(h * phase) / h;
            }

            clean[n] = (float)(0.1 * syllable * syllable * v);
        }

        double power = clean.Average(x => (double)x * x);
        double noiseAmplitude = Math.Sqrt(3 * power / Math.Pow(10, 0.5));
        for (int n = 0; n < length; n++)
        {
            noisy[n] = (float)(clean[n] + (noiseAmplitude * ((rng.NextDouble() * 2) - 1)));
        }

        return (clean, noisy);
    }

    private static double[] Integer(ReadOnlySpan<float> x)
    {
        var d = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            d[i] = x[i] * QualityScorer.IntegerScale;
        }

        return d;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }
}
