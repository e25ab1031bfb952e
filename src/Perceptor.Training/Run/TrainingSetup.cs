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

    /// <summary>The data folder recorded in a run's last checkpoint, or null.</summary>
    public static string? RecordedDataDir(string runDir)
    {
        var folder = new RunFolder(runDir);
        return File.Exists(folder.LastCheckpoint) ? Checkpoints.CheckpointFile.Read(folder.LastCheckpoint).State.DataDir : null;
    }
}
