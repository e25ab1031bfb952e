using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Perceptor.Training.Config;
using Perceptor.Training.Runtime;

namespace Perceptor.Training;

/// <summary>Resolving the configuration of a new or resumed run, and the environment record of a run folder.</summary>
public static class TrainingSetup
{
    /// <summary>
    /// The configuration for a run: for a new run, defaults ← <paramref name="preset"/> ← <paramref name="configFile"/> ←
    /// <paramref name="overrides"/>; for <paramref name="resume"/>, the run folder's <c>config.json</c> ← overrides
    /// (e.g. <c>train.epochs=200</c> to continue a finished run). Giving a preset or file on resume is an error:
    /// the run's own config is the starting point.
    /// </summary>
    public static TrainingConfig ResolveConfig(string runDir, bool resume, string? preset, string? configFile, IReadOnlyList<string> overrides)
    {
        ArgumentNullException.ThrowIfNull(runDir);
        if (!resume)
        {
            return ConfigLoader.Load(preset, configFile, overrides);
        }

        if (!string.IsNullOrWhiteSpace(preset) || !string.IsNullOrWhiteSpace(configFile))
        {
            throw new ConfigException("--resume continues with the run's own config.json; change single values with --set instead of --preset/--config");
        }

        var folder = new RunFolder(runDir);
        if (!File.Exists(folder.ConfigPath))
        {
            throw new ConfigException($"{folder.ConfigPath}: not found; nothing to resume in {folder.Root}");
        }

        return ConfigLoader.WithOverrides(ConfigLoader.FromFile(folder.ConfigPath), overrides);
    }

    /// <summary>The data folder recorded in a run's last checkpoint, or null.</summary>
    public static string? RecordedDataDir(string runDir)
    {
        // The checkpoint a resume would use records it; env.json too, for a run that lost its checkpoints. A file
        // that cannot be read is skipped here: the trainer reports it when it chooses where to resume.
        var folder = new RunFolder(runDir);
        foreach (string checkpoint in new[] { folder.LastCheckpoint, folder.BestCheckpoint }.Where(File.Exists))
        {
            try
            {
                return Checkpoints.CheckpointFile.Read(checkpoint).State.DataDir;
            }
            catch (Checkpoints.CheckpointException)
            {
            }
        }

        try
        {
            return File.Exists(folder.EnvPath) ? JsonNode.Parse(File.ReadAllText(folder.EnvPath))?["data_dir"]?.GetValue<string>() : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or IOException)
        {
            return null;
        }
    }

    /// <summary>Writes <c>env.json</c>: versions, OS, CPUs, device, threads, allocator and OpenMP settings, seed, command line; earlier starts are kept under <c>previous</c>.</summary>
    internal static void WriteEnvironment(RunFolder folder, TrainingRequest request, string device, int threads, bool resumed, CpuTuningReport tuning)
    {
        var previous = new JsonArray();
        if (File.Exists(folder.EnvPath))
        {
            try
            {
                var old = JsonNode.Parse(File.ReadAllText(folder.EnvPath))?.AsObject();
                if (old is not null)
                {
                    if (old["previous"] is JsonArray earlier)
                    {
                        foreach (var e in earlier)
                        {
                            previous.Add(e?.DeepClone());
                        }
                    }

                    old.Remove("previous");
                    previous.Add(old);
                }
            }
            catch (JsonException)
            {
                // A damaged env.json is replaced; it holds nothing the run needs.
            }
        }

        var env = new JsonObject
        {
            ["perceptor"] = Version(typeof(TrainingSetup).Assembly),
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
            ["torchsharp"] = Version(typeof(TorchSharp.torch).Assembly),
            ["libtorch"] = LibTorchVersion(),
            ["os"] = RuntimeInformation.OSDescription,
            ["cpus"] = Environment.ProcessorCount,
            ["device"] = device,
            ["threads"] = threads,
            ["allocator"] = tuning.Allocator,
            ["openmp"] = tuning.OpenMp,
            ["seed"] = request.Config.Train.Seed,
            ["command_line"] = request.CommandLine ?? Environment.CommandLine,
            ["data_dir"] = Path.GetFullPath(request.DataDir),
            ["resumed"] = resumed,
            ["started"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["previous"] = previous,
        };
        RunFolder.WriteTextAtomic(folder.EnvPath, env.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "unknown";

    private static string LibTorchVersion()
    {
        // TorchSharp 0.107 pairs with libtorch 2.10; the native library does not report its version itself.
        var asm = typeof(TorchSharp.torch).Assembly.GetName().Version;
        return asm is { Major: 0, Minor: 107 } ? "2.10 (bundled with TorchSharp 0.107)" : "unknown";
    }
}
