using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Perceptor.Training.Runtime;

namespace Perceptor.Training.Run;

/// <summary>The environment record of a run folder, <c>env.json</c>.</summary>
internal static class RunEnvironment
{
    /// <summary>Writes <c>env.json</c>: versions, OS, CPUs, device, threads, allocator and OpenMP settings, seed, command line; earlier starts are kept under <c>previous</c>.</summary>
    public static void Write(RunFolder folder, TrainingRequest request, string device, int threads, bool resumed, CpuTuningReport tuning)
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
            ["perceptor"] = Version(typeof(RunEnvironment).Assembly),
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
