using System.CommandLine;
using Perceptor.Quality.Evaluation;

namespace Perceptor.Cli.Commands.Bench;

/// <summary><c>perceptor bench metrics</c>: time the evaluation table per metric, single-threaded and on all cores.</summary>
internal static class MetricsBenchCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo?>("--data")
        {
            Description = "Folder with clean/ and noisy/ subfolders of 16 kHz WAV pairs (default: synthetic 3.5 s speech-like pairs).",
        };
        var files = new Option<int>("--files")
        {
            Description = "Number of pairs to time.",
            DefaultValueFactory = _ => 8,
        };
        var repeats = new Option<int>("--repeats")
        {
            Description = "Timed repetitions; the medians are reported.",
            DefaultValueFactory = _ => 5,
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Threads of the all-cores run (0 = every core).",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("metrics",
            "Median milliseconds per 3.5 s file for SSNR, LLR, WSS, STOI, SI-SDR, ESTOI, wideband PESQ and the full evaluation table, " +
            "single-threaded and on all cores.")
        {
            data, files, repeats, threads,
        };
        command.SetAction((parseResult, cancellationToken) => Task.Run(() =>
        {
            TextWriter stdout = parseResult.InvocationConfiguration.Output;
            TextWriter stderr = parseResult.InvocationConfiguration.Error;
            var options = new MetricsBenchmarkOptions
            {
                DataDirectory = parseResult.GetValue(data)?.FullName,
                Files = parseResult.GetValue(files),
                Repeats = parseResult.GetValue(repeats),
                Threads = parseResult.GetValue(threads),
            };
            if (options.Files < 1 || options.Repeats < 1 || options.Threads < 0)
            {
                stderr.WriteLine("perceptor bench metrics: --files and --repeats must be at least 1, --threads at least 0");
                return 2;
            }

            try
            {
                var result = MetricsBenchmark.Run(options, stdout.WriteLine, cancellationToken);
                stdout.WriteLine($"source: {result.Source}; mean duration {result.MeanDurationSeconds:0.00} s; " +
                    $"{Environment.ProcessorCount} cores");
                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or DirectoryNotFoundException or Perceptor.Audio.AudioFileException)
            {
                stderr.WriteLine($"perceptor bench metrics: {e.Message}");
                return 2;
            }
        }, cancellationToken));
        return command;
    }
}
