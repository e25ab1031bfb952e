using System.CommandLine;
using System.Reflection;
using System.Text.Json;
using Perceptor.Training.Bench;

namespace Perceptor.Cli.Commands.Bench;

/// <summary><c>perceptor bench train</c>: times real training steps per preset and batch size, each case in its own process.</summary>
internal static class TrainBenchCommand
{
    public static Command Create()
    {
        var presets = new Option<string[]>("--preset")
        {
            Description = "Model presets to time (repeatable; default: tiny, small, cmgan).",
            AllowMultipleArgumentsPerToken = true,
        };
        var batches = new Option<int[]>("--batch")
        {
            Description = "Batch sizes (repeatable; default: 1 and 4).",
            AllowMultipleArgumentsPerToken = true,
        };
        var steps = new Option<int>("--steps") { Description = "Timed steps per case (the median is reported); cmgan steps take seconds each.", DefaultValueFactory = _ => 5 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed steps first (allocations, optimiser state).", DefaultValueFactory = _ => 1 };
        var crop = new Option<double>("--crop-seconds") { Description = "Crop length (the reference trains on 2 s).", DefaultValueFactory = _ => 2.0 };
        var set = new Option<string[]>("--set")
        {
            Description = "Model size overrides applied to every preset, e.g. --set model.channels=16 --set model.conformerBlocks=2.",
            AllowMultipleArgumentsPerToken = false,
        };
        var threads = new Option<int>("--threads") { Description = "torch intra-op threads (0: torch's default, all cores).", DefaultValueFactory = _ => 0 };
        var single = new Option<string?>(TrainBenchmark.ChildFlag) { Hidden = true };
        var command = new Command("train",
            "Median milliseconds per full training step (generator and discriminator forward/backward/update plus PESQ targets) " +
            "and peak resident memory, per model preset and batch size, on synthetic speech-like crops; each case runs in a fresh process.")
        {
            presets, batches, steps, warmup, crop, threads, set, single,
        };
        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            if (parseResult.GetValue(single) is { } json)
            {
                var one = JsonSerializer.Deserialize<TrainBenchCase>(json)!;
                var result = TrainBenchmark.Measure(one, stderr.WriteLine);
                stdout.WriteLine(TrainBenchmark.ToJson(result));
                return 0;
            }

            IReadOnlyList<TrainBenchCase> cases;
            try
            {
                cases = TrainBenchPlan.Cases(parseResult.GetValue(presets), parseResult.GetValue(batches), parseResult.GetValue(crop),
                    parseResult.GetValue(steps), parseResult.GetValue(warmup),
                    parseResult.GetValue(threads), parseResult.GetValue(set));
            }
            catch (ArgumentException e)
            {
                stderr.WriteLine($"perceptor bench train: {e.Message}");
                return 2;
            }

            try
            {
                var results = TrainBenchmark.RunIsolated(cases, SelfCommand(), stderr.WriteLine);
                TrainBenchTable.Write(stdout, cases, results);
                return 0;
            }
            catch (InvalidOperationException e)
            {
                stderr.WriteLine($"perceptor bench train: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>How to start this same command in a child process (the apphost, or dotnet with the entry assembly).</summary>
    private static string[] SelfCommand()
    {
        string process = Environment.ProcessPath ?? "dotnet";
        string entry = Assembly.GetEntryAssembly()?.Location ?? "";
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? [process, entry, "bench", "train"] : [process, "bench", "train"];
    }
}
