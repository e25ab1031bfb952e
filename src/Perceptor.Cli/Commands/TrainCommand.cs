using System.CommandLine;
using Perceptor.Audio;
using Perceptor.Training.Run;
using Perceptor.Training.Checkpoints;
using Perceptor.Training.Config;
using Perceptor.Training.Data;

namespace Perceptor.Cli.Commands;

/// <summary><c>perceptor train</c>: parses options and hands them to <see cref="TrainingLoop.Run(TrainingRequest, ITrainingListener?, CancellationToken)"/>.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data")
        {
            Description = "Data folder with train/clean, train/noisy, test/clean, test/noisy (WAV files paired by name; any sample rate, " +
                "resampled to 16 kHz once and cached in DATA/.perceptor-cache). Optional with --resume (the run remembers it).",
        };
        var run = new Option<string>("--run")
        {
            Description = "Run folder (required to train): config.json, env.json, metrics.jsonl, checkpoints/, tensorboard/ are written here.",
        };
        var config = new Option<string?>("--config") { Description = "JSON config file (sections model, train, loss, optim, pesq, eval, ...) over the preset." };
        var preset = new Option<string?>("--preset")
        {
            Description = $"Built-in training preset ({string.Join(", ", ConfigLoader.PresetNames)}) or model preset (cmgan, small, tiny). " +
                "Default: the CMGAN reference settings.",
        };
        var set = new Option<string[]>("--set")
        {
            Description = "Override one key, e.g. --set train.epochs=10 --set pesq.failures=skip-batch (repeatable; see --list-keys).",
            AllowMultipleArgumentsPerToken = false,
        };
        var resume = new Option<bool>("--resume")
        {
            Description = "Continue the run in --run from checkpoints/last.ckpt with its own config.json (--set may change values, " +
                "e.g. train.epochs to extend a finished run).",
        };
        var initGenerator = new Option<string?>("--init-generator")
        {
            Description = "Fine-tune from these generator weights (PyTorch .pt/.pth, .safetensors or .ckpt; the size comes from the file): " +
                "fresh optimisers, epoch 0; the source is recorded in config.json (model.initGenerator) and env.json.",
        };
        var initDiscriminator = new Option<string?>("--init-discriminator")
        {
            Description = "Start the discriminator from these weights (default: a fresh one; the reference trainer never saves its discriminator).",
        };
        var listKeys = new Option<bool>("--list-keys") { Description = "List every config key with its type, default and meaning, and exit." };
        var command = new Command("train",
            "Train a CMGAN-style generator against a PESQ-predicting metric discriminator, with discriminator accounting, " +
            "calibration and loss-balance probes, a collapse watch, checkpoints (last, best by eval PESQ) and exact resume.")
        {
            data, run, config, preset, set, resume, initGenerator, initDiscriminator, listKeys,
        };
        // Synchronous on purpose: Ctrl+C is handled by TrainProgress, which lets the trainer finish its batch and write a
        // checkpoint instead of the process being ended after a short timeout.
        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            if (parseResult.GetValue(listKeys))
            {
                PrintKeys(stdout);
                return 0;
            }

            string? runDir = parseResult.GetValue(run);
            if (string.IsNullOrWhiteSpace(runDir))
            {
                stderr.WriteLine("perceptor train: --run is required (the folder the run is written to)");
                return 2;
            }

            bool isResume = parseResult.GetValue(resume);
            try
            {
                var resolved = TrainingSetup.ResolveConfig(runDir, isResume, parseResult.GetValue(preset), parseResult.GetValue(config),
                    [.. parseResult.GetValue(set) ?? [], .. InitOverrides(parseResult.GetValue(initGenerator), parseResult.GetValue(initDiscriminator))]);
                string? dataDir = parseResult.GetValue(data) ?? (isResume ? TrainingSetup.RecordedDataDir(runDir) : null);
                if (string.IsNullOrWhiteSpace(dataDir))
                {
                    stderr.WriteLine("perceptor train: --data is required (a folder with train/ and test/, each holding clean/ and noisy/)");
                    return 2;
                }

                var request = new TrainingRequest
                {
                    Config = resolved, DataDir = dataDir, RunDir = runDir, Resume = isResume,
                    CommandLine = "perceptor " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
                };
                using var listener = TrainProgress.Create(resolved.Train.Epochs, stdout);
                var result = listener.Run(() => TrainingLoop.Run(request, listener, listener.Token));
                stdout.WriteLine($"run folder: {result.RunDir}");
                return result.ExitCode;
            }
            catch (Exception e) when (e is ConfigException or DataException or CheckpointException or AudioFileException
                or InvalidOperationException or ArgumentException or IOException)
            {
                stderr.WriteLine($"perceptor train: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static IEnumerable<string> InitOverrides(string? generator, string? discriminator)
    {
        if (generator is not null)
        {
            yield return "model.initGenerator=" + Path.GetFullPath(generator);
        }

        if (discriminator is not null)
        {
            yield return "model.initDiscriminator=" + Path.GetFullPath(discriminator);
        }
    }

    private static void PrintKeys(TextWriter output)
    {
        int width = ConfigKeys.All.Max(k => k.Path.Length);
        foreach (var key in ConfigKeys.All)
        {
            output.WriteLine($"{key.Path.PadRight(width)}  {key.DefaultValue,-14} {key.TypeName,-28} {key.Description}");
        }
    }
}
