using System.CommandLine;
using System.Globalization;
using Perceptor.Bench;
using Perceptor.Quality.Pesq;

namespace Perceptor.Cli.Commands.Bench;

/// <summary>
/// <c>perceptor bench pesq</c>: median milliseconds per pair (single thread) for 2, 3.5 and 10 s pairs at 16 kHz
/// in wb and nb, and batch throughput on all cores against one thread. The measuring is
/// <see cref="PesqBenchmark"/>; this command finds the data and prints.
/// </summary>
internal static class PesqBenchCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--voicebank")
        {
            Description = "Folder with clean/ and noisy/ 16 kHz WAVs to cut pairs from. Default: $PERCEPTOR_TEST_DATA/" +
                "voicebank-samples, else ../shared/data/voicebank-samples; synthetic speech when neither exists.",
        };
        var repetitions = new Option<int>("--reps")
        {
            Description = "Timed repetitions per length and mode (median reported).",
            DefaultValueFactory = _ => 15,
        };
        var pairs = new Option<int>("--batch-pairs")
        {
            Description = "Pairs (3.5 s, wb) per batch-throughput run.",
            DefaultValueFactory = _ => 96,
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Threads for the parallel batch (default: all cores).",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("pesq", "Time PESQ per pair (single-threaded) and batch throughput on all cores.");
        command.Options.Add(data);
        command.Options.Add(repetitions);
        command.Options.Add(pairs);
        command.Options.Add(threads);
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            int reps = parse.GetValue(repetitions);
            int batch = parse.GetValue(pairs);
            int threadCount = parse.GetValue(threads);
            if (reps < 1 || batch < 1 || threadCount < 0)
            {
                stderr.WriteLine("perceptor bench pesq: --reps and --batch-pairs must be positive, --threads >= 0");
                return 2;
            }

            string? folder = parse.GetValue(data) ?? FindVoiceBank();
            if (parse.GetValue(data) is string given && !Directory.Exists(given))
            {
                stderr.WriteLine($"perceptor bench pesq: {given}: no such folder");
                return 1;
            }

            var options = new PesqBenchmarkOptions(Repetitions: reps, BatchPairs: batch, Threads: threadCount,
                VoiceBankDirectory: folder);
            var log = new Progress(line => stderr.WriteLine(line));
            var report = PesqBenchmark.Run(options, log);
            Print(stdout, report);
            return 0;
        });
        return command;
    }

    private static string? FindVoiceBank()
    {
        string? root = Environment.GetEnvironmentVariable("PERCEPTOR_TEST_DATA");
        string[] candidates =
        [
            root is null ? "" : Path.Combine(root, "voicebank-samples"),
            Path.Combine("..", "shared", "data", "voicebank-samples"),
        ];
        return candidates.FirstOrDefault(c => c.Length > 0 && Directory.Exists(c));
    }

    private static void Print(TextWriter w, PesqBenchmarkReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine($"PESQ at 16 kHz, single thread: median wall ms per pair, and process CPU ms per pair (source: {report.Source})");
        w.WriteLine("length   wb (ms)   nb (ms)   wb cpu (ms)   nb cpu (ms)");
        foreach (double seconds in PesqBenchmark.Lengths)
        {
            var wb = report.Timings.First(t => t.Seconds == seconds && t.Mode == PesqMode.Wideband);
            var nb = report.Timings.First(t => t.Seconds == seconds && t.Mode == PesqMode.Narrowband);
            w.WriteLine(string.Format(inv, "{0,5:0.0} s  {1,8:0.00}  {2,8:0.00}  {3,12:0.00}  {4,12:0.00}", seconds,
                wb.MedianMilliseconds, nb.MedianMilliseconds, wb.CpuMilliseconds, nb.CpuMilliseconds));
        }

        w.WriteLine(string.Format(inv, "batch (wb, 3.5 s pairs): {0:0.0} pairs/s on 1 thread, {1:0.0} pairs/s on {2} threads, speed-up {3:0.00}x " +
            "(median of back-to-back runs); {4:0} kB allocated per pair, {5:0.0} gen-0 collections per batch",
            report.SerialPairsPerSecond, report.ParallelPairsPerSecond, report.Threads, report.Speedup, report.AllocatedKilobytesPerPair,
            report.Gen0CollectionsPerBatch));
    }

    private sealed class Progress(Action<string> write) : IProgress<string>
    {
        public void Report(string value) => write(value);
    }
}
