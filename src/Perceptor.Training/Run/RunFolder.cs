using Perceptor.Audio.IO;

namespace Perceptor.Training.Run;

/// <summary>The files of a run folder (docs/run-log.md).</summary>
public sealed class RunFolder
{
    /// <summary>The folder at <paramref name="root"/>; nothing is created yet.</summary>
    public RunFolder(string root)
    {
        Root = Path.GetFullPath(root ?? throw new ArgumentNullException(nameof(root)));
    }

    /// <summary>The run folder.</summary>
    public string Root { get; }

    /// <summary>The resolved configuration.</summary>
    public string ConfigPath => Path.Combine(Root, "config.json");

    /// <summary>Versions, seed, command line, device.</summary>
    public string EnvPath => Path.Combine(Root, "env.json");

    /// <summary>The append-only run log.</summary>
    public string MetricsPath => Path.Combine(Root, "metrics.jsonl");

    /// <summary>Checkpoint folder.</summary>
    public string CheckpointDir => Path.Combine(Root, "checkpoints");

    /// <summary>Written every epoch (and every <c>checkpoint.everySteps</c>).</summary>
    public string LastCheckpoint => Path.Combine(CheckpointDir, "last.ckpt");

    /// <summary>The checkpoint with the best eval PESQ.</summary>
    public string BestCheckpoint => Path.Combine(CheckpointDir, "best.ckpt");

    /// <summary>TensorBoard event files.</summary>
    public string TensorBoardDir => Path.Combine(Root, "tensorboard");

    /// <summary>A path relative to the run folder, with forward slashes.</summary>
    public string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> through a temporary file.</summary>
    internal static void WriteTextAtomic(string path, string text)
    {
        AtomicFile.WriteAllText(path, text);
    }
}
