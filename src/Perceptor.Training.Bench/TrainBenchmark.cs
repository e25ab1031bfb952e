using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Perceptor.Quality.Pesq;
using Perceptor.Training.Config;
using Perceptor.Training.Data;
using Perceptor.Training.Networks;
using Perceptor.Training.Runtime;
using Perceptor.Training.Step;
using static TorchSharp.torch;

namespace Perceptor.Training.Bench;

/// <summary>
/// Times real training steps (the delivered models, native PESQ, CPU) on synthetic speech-like 2 s crops. Each case
/// is best run in its own process (<see cref="RunIsolated"/>) so that its peak memory is its own: a process's peak
/// resident set only ever grows.
/// </summary>
public static class TrainBenchmark
{
    /// <summary>The flag a child process is started with; it then prints one JSON result line.</summary>
    public const string ChildFlag = "--single-case";

    /// <summary>Runs one case in this process.</summary>
    public static TrainBenchResult Measure(TrainBenchCase benchCase, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(benchCase);
        var tuning = CpuTuning.Apply(); // what training does, before libtorch loads
        if (benchCase.Threads > 0)
        {
            set_num_threads(benchCase.Threads);
        }

        random.manual_seed(1);
        var config = ConfigLoader.Load(null, null,
        [
            $"model.preset={benchCase.Preset}",
            $"train.batchSize={benchCase.BatchSize}",
            string.Create(CultureInfo.InvariantCulture, $"train.cropSeconds={benchCase.CropSeconds}"),
            .. benchCase.Overrides ?? [],
        ]);
        var preset = config.Model.Resolve();
        double pesqMs = 0;
        var pesqTimes = new List<double>();
        PesqBatchScorer scorer = pairs =>
        {
            var watch = Stopwatch.StartNew();
            var results = PesqScorer.ScoreBatch(pairs, PesqMode.Wideband);
            pesqMs = watch.Elapsed.TotalMilliseconds;
            return results;
        };
        using var engine = new MetricGanStep(TrainingModels.Create(preset, CPU), config, scorer);
        int genParams = (int)engine.Models.Generator.parameters().Sum(p => p.numel());
        int discParams = (int)engine.Models.Discriminator.parameters().Sum(p => p.numel());
        var pairs = Enumerable.Range(0, Math.Max(benchCase.BatchSize, 4)).Select(i => SyntheticPair(config.CropSamples, i)).ToArray();
        var sampler = new BatchSampler(TrainingSet.FromMemory(pairs), benchCase.BatchSize, config.CropSamples, seed: 1);
        var times = new List<double>();
        var user = new List<double>();
        var system = new List<double>();
        var faults = new List<double>();
        for (int i = 0; i < benchCase.Warmup + benchCase.Steps; i++)
        {
            var batch = sampler.Get(i, 0);
            var before = ProcessUsage.Now();
            var outcome = engine.Run(batch, probeBalance: false);
            var used = ProcessUsage.Now() - before;
            if (i >= benchCase.Warmup)
            {
                times.Add(outcome.Seconds * 1000);
                pesqTimes.Add(pesqMs);
                user.Add(used.UserSeconds);
                system.Add(used.SystemSeconds);
                faults.Add(used.MinorFaults);
            }

            log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"{benchCase.Label} batch {benchCase.BatchSize}: step {i + 1}/{benchCase.Warmup + benchCase.Steps} {outcome.Seconds * 1000:0} ms, " +
                $"user {used.UserSeconds:0.00} s, sys {used.SystemSeconds:0.00} s, {used.MinorFaults} page faults{(i < benchCase.Warmup ? " (warm-up)" : "")}"));
        }

        return new TrainBenchResult(benchCase, times.Count, Median(times), times.Min(), times.Max(), Median(pesqTimes),
            PeakRssBytes(), get_num_threads(), genParams, discParams)
        {
            MedianUserSeconds = Median(user),
            MedianSystemSeconds = Median(system),
            MedianPageFaults = Median(faults),
            Tuning = $"{tuning.Allocator}; {tuning.OpenMp}",
        };
    }

    /// <summary>
    /// Runs each case in a child process started as <paramref name="commandPrefix"/> + <see cref="ChildFlag"/> + the
    /// case's JSON, and collects the JSON line it prints. <paramref name="log"/> receives the children's progress lines.
    /// </summary>
    public static IReadOnlyList<TrainBenchResult> RunIsolated(IReadOnlyList<TrainBenchCase> cases, IReadOnlyList<string> commandPrefix,
        Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(commandPrefix);
        var results = new List<TrainBenchResult>();
        foreach (var benchCase in cases)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = new ProcessStartInfo(commandPrefix[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in commandPrefix.Skip(1))
            {
                start.ArgumentList.Add(arg);
            }

            start.ArgumentList.Add(ChildFlag);
            start.ArgumentList.Add(JsonSerializer.Serialize(benchCase));
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {commandPrefix[0]}");
            string? resultLine = null;
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    log?.Invoke(e.Data);
                }
            };
            process.BeginErrorReadLine();
            while (process.StandardOutput.ReadLine() is { } line)
            {
                if (line.StartsWith('{'))
                {
                    resultLine = line;
                }
            }

            process.WaitForExit();
            if (process.ExitCode != 0 || resultLine is null)
            {
                // One failed case (e.g. out of memory) must not lose the others' figures.
                log?.Invoke($"benchmark of {benchCase.Label} at batch {benchCase.BatchSize} failed (exit code {process.ExitCode}); continuing");
                continue;
            }

            results.Add(JsonSerializer.Deserialize<TrainBenchResult>(resultLine)!);
        }

        return results;
    }

    /// <summary>The JSON line a child prints.</summary>
    public static string ToJson(TrainBenchResult result) => JsonSerializer.Serialize(result);

    /// <summary>Peak resident set size of this process (VmHWM), or -1 where /proc is absent.</summary>
    public static long PeakRssBytes()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return -1;
        }

        foreach (string line in File.ReadLines(status))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries); // "VmHWM:\t  123 kB"
                return long.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return -1;
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static ClipPair SyntheticPair(int length, int seed)
    {
        // Harmonic bursts with pauses plus white noise at about 5 dB SNR: speech-like enough for PESQ to score.
        var random = new Random(seed);
        var clean = new float[length + 16000];
        var noisy = new float[clean.Length];
        double f0 = 100 + 20 * seed;
        for (int i = 0; i < clean.Length; i++)
        {
            double t = i / 16000.0;
            double envelope = Math.Max(0, Math.Sin(2 * Math.PI * 2.5 * t + seed));
            double v = 0;
            for (int h = 1; h <= 10; h++)
            {
                v += Math.Sin(2 * Math.PI * f0 * h * t) / h;
            }

            clean[i] = (float)(0.1 * envelope * v);
            noisy[i] = clean[i] + (float)(0.03 * (random.NextDouble() * 2 - 1));
        }

        return new ClipPair($"bench{seed}", clean, noisy);
    }
}
