using System.Text.Json;
using System.Text.Json.Nodes;
using Perceptor.Training.Config;

namespace Perceptor.Training.Run;

/// <summary>Resolving the configuration of a new or resumed run and the data folder it trained on.</summary>
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

    /// <summary>The data folder recorded in the checkpoint a resume would use (last, else best), else in <c>env.json</c>, or null.</summary>
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
}
