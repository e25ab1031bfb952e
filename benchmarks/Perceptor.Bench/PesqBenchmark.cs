using System.Diagnostics;
using Perceptor.Audio;
using Perceptor.Quality.Pesq;

namespace Perceptor.Bench;

/// <summary>
/// Times PESQ at 16 kHz: median milliseconds per pair, single-threaded, for 2 s, 3.5 s and 10 s pairs in both
/// modes, and the throughput of <see cref="PesqScorer.ScoreBatch"/> on all cores against one thread. Pairs are
/// crops at different offsets of the VoiceBank clean/noisy samples when available, else of a synthetic
/// speech-like signal and a noisy copy.
/// </summary>
public static class PesqBenchmark
{
    /// <summary>The pair lengths timed, in seconds.</summary>
    public static readonly IReadOnlyList<double> Lengths = [2.0, 3.5, 10.0];

    private const int Rate = 16000;

    /// <summary>Runs the benchmark; <paramref name="log"/> receives a line per finished measurement.</summary>
    public static PesqBenchmarkReport Run(PesqBenchmarkOptions options, IProgress<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (clean, noisy, source) = LoadSignals(options.VoiceBankDirectory);

        // Warm up until the JIT has promoted the hot code (tiered compilation needs calls and time).
        long warmStart = Stopwatch.GetTimestamp();
        for (int r = 0; r < 200 && (r < 4 * options.Warmup || Stopwatch.GetElapsedTime(warmStart).TotalSeconds < 2); r++)
        {
            int length = (int)(Lengths[r % Lengths.Count] * Rate);
            int offset = Offset(r, length, clean.Length);
            PesqScorer.Score(clean.AsSpan(offset, length), noisy.AsSpan(offset, length), Rate,
                r % 2 == 0 ? PesqMode.Wideband : PesqMode.Narrowband);
        }

        var process = Process.GetCurrentProcess();
        var timings = new List<PesqTiming>();
        foreach (double seconds in Lengths)
        {
            foreach (var mode in new[] { PesqMode.Wideband, PesqMode.Narrowband })
            {
                int length = (int)(seconds * Rate);
                var times = new List<double>();
                double cpuStart = 0;
                for (int r = 0; r < options.Warmup + options.Repetitions; r++)
                {
                    if (r == options.Warmup)
                    {
                        process.Refresh();
                        cpuStart = process.TotalProcessorTime.TotalMilliseconds;
                    }

                    int offset = Offset(r, length, clean.Length);
                    var reference = clean.AsSpan(offset, length);
                    var degraded = noisy.AsSpan(offset, length);
                    long start = Stopwatch.GetTimestamp();
                    var result = PesqScorer.Score(reference, degraded, Rate, mode);
                    double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    if (!result.IsSuccess)
                    {
                        throw new InvalidOperationException($"benchmark pair failed to score: {result}");
                    }

                    if (r >= options.Warmup)
                    {
                        times.Add(ms);
                    }
                }

                process.Refresh();
                double cpu = (process.TotalProcessorTime.TotalMilliseconds - cpuStart) / options.Repetitions;
                times.Sort();
                var timing = new PesqTiming(seconds, mode, Median(times), times[0], cpu);
                timings.Add(timing);
                log?.Report($"{seconds,4:0.0} s {ModeName(mode)}: median {timing.MedianMilliseconds:0.00} ms/pair, " +
                    $"process CPU {cpu:0.00} ms/pair");
            }
        }

        int batchLength = (int)(options.BatchSeconds * Rate);
        var pairs = new List<PesqPair>();
        for (int i = 0; i < options.BatchPairs; i++)
        {
            int offset = Offset(i + 7, batchLength, clean.Length);
            pairs.Add(new PesqPair(clean.AsMemory(offset, batchLength), noisy.AsMemory(offset, batchLength), Rate));
        }

        int threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        PesqScorer.ScoreBatch(pairs, PesqMode.Wideband, threads);
        var serial = new List<double>();
        var parallel = new List<double>();
        var ratios = new List<double>();
        long allocated = 0;
        int collections = 0;
        for (int run = 0; run < options.BatchRuns; run++)
        {
            // Serial and parallel back to back, so a slow spell on a shared machine affects both sides of a ratio.
            var one = Throughput(pairs, 1);
            var many = Throughput(pairs, threads);
            serial.Add(one.PairsPerSecond);
            parallel.Add(many.PairsPerSecond);
            ratios.Add(many.PairsPerSecond / one.PairsPerSecond);
            allocated += one.AllocatedBytes + many.AllocatedBytes;
            collections += one.Gen0Collections + many.Gen0Collections;
        }

        serial.Sort();
        parallel.Sort();
        ratios.Sort();
        int batches = 2 * options.BatchRuns;
        var report = new PesqBenchmarkReport(source, timings, threads, Median(serial), Median(parallel), Median(ratios),
            allocated / 1024.0 / (batches * (double)pairs.Count), collections / (double)batches);
        log?.Report($"batch of {pairs.Count}: {report.SerialPairsPerSecond:0.0} pairs/s on 1 thread, " +
            $"{report.ParallelPairsPerSecond:0.0} pairs/s on {threads}; {report.AllocatedKilobytesPerPair:0} kB allocated per pair");
        return report;
    }

    /// <summary>"wb" or "nb".</summary>
    public static string ModeName(PesqMode mode) => mode == PesqMode.Wideband ? "wb" : "nb";

    private static (double PairsPerSecond, long AllocatedBytes, int Gen0Collections) Throughput(List<PesqPair> pairs, int threads)
    {
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        int collectionsBefore = GC.CollectionCount(0);
        long start = Stopwatch.GetTimestamp();
        var results = PesqScorer.ScoreBatch(pairs, PesqMode.Wideband, threads);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (Array.Exists(results, r => !r.IsSuccess))
        {
            throw new InvalidOperationException("a benchmark batch pair failed to score");
        }

        return (pairs.Count / seconds, GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore, GC.CollectionCount(0) - collectionsBefore);
    }

    private static int Offset(int index, int length, int total) =>
        total <= length ? 0 : (int)((long)index * 37_799 % (total - length));

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : 0.5 * (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]);

    private static (float[] Clean, float[] Noisy, string Source) LoadSignals(string? directory)
    {
        if (directory is not null && Directory.Exists(Path.Combine(directory, "clean")) &&
            Directory.Exists(Path.Combine(directory, "noisy")))
        {
            var clean = new List<float>();
            var noisy = new List<float>();
            foreach (string file in Directory.EnumerateFiles(Path.Combine(directory, "clean"), "*.wav").Order(StringComparer.Ordinal))
            {
                string other = Path.Combine(directory, "noisy", Path.GetFileName(file));
                if (!File.Exists(other))
                {
                    continue;
                }

                var a = WavFile.Read(file);
                var b = WavFile.Read(other);
                if (a.SampleRate != Rate || b.SampleRate != Rate || a.Length != b.Length)
                {
                    continue;
                }

                clean.AddRange(a.Samples);
                noisy.AddRange(b.Samples);
            }

            // Enough material for the 10 s pairs at several offsets.
            if (clean.Count >= 12 * Rate)
            {
                return (clean.ToArray(), noisy.ToArray(), $"VoiceBank samples in {directory} ({clean.Count / (double)Rate:0} s)");
            }
        }

        var (c, n) = Synthesize(60 * Rate, seed: 20240611);
        return (c, n, "synthetic speech-like signal (60 s) with white noise at 10 dB SNR");
    }

    /// <summary>
    /// Syllable-like bursts (harmonic complexes with a gliding pitch, 80-300 ms, separated by 40-400 ms pauses)
    /// and the same signal with white noise at 10 dB SNR: enough structure for the VAD and alignment to work.
    /// </summary>
    private static (float[] Clean, float[] Noisy) Synthesize(int length, int seed)
    {
        var rng = new Random(seed);
        var clean = new float[length];
        int t = Rate / 2;
        while (t < length - Rate / 2)
        {
            int burst = (int)(Rate * (0.08 + (0.22 * rng.NextDouble())));
            double f0 = 100 + (120 * rng.NextDouble());
            double glide = (rng.NextDouble() - 0.5) * 60;
            double amplitude = 0.05 + (0.25 * rng.NextDouble());
            double phase = 0;
            for (int i = 0; i < burst && t + i < length; i++)
            {
                double u = (double)i / burst;
                double envelope = Math.Sin(Math.PI * u);
                phase += 2 * Math.PI * (f0 + (glide * u)) / Rate;
                double sample = 0;
                for (int h = 1; h <= 12; h++)
                {
                    // A crude formant shape: harmonics near 500 Hz and 1500 Hz are stronger.
                    double hz = h * f0;
                    double weight = (1.0 / h) + (0.5 * Math.Exp(-Math.Pow((hz - 500) / 200, 2))) +
                        (0.3 * Math.Exp(-Math.Pow((hz - 1500) / 300, 2)));
                    sample += weight * Math.Sin(h * phase);
                }

                clean[t + i] = (float)(amplitude * envelope * sample / 3);
            }

            t += burst + (int)(Rate * (0.04 + (0.36 * rng.NextDouble())));
        }

        double power = 0;
        foreach (float x in clean)
        {
            power += (double)x * x;
        }

        double noiseRms = Math.Sqrt(power / length / 10);
        var noisy = new float[length];
        for (int i = 0; i < length; i++)
        {
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            double gauss = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            noisy[i] = (float)(clean[i] + (noiseRms * gauss));
        }

        return (clean, noisy);
    }
}
