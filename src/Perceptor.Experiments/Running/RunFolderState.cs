using Perceptor.Diagnostics.RunLog;

namespace Perceptor.Experiments.Running;

/// <summary>The state of a run folder: its progress and the epochs it logged.</summary>
/// <param name="Progress">How far it got.</param>
/// <param name="EpochsLogged">Distinct epochs with an <c>epoch</c> record.</param>
public sealed record RunFolderState(RunProgress Progress, int EpochsLogged)
{
    /// <summary>Path of the resume checkpoint inside a run folder (docs/run-log.md).</summary>
    public const string LastCheckpoint = "checkpoints/last.ckpt";

    /// <summary>The log file inside a run folder.</summary>
    public const string MetricsFile = "metrics.jsonl";

    /// <summary>True when the run needs no more training.</summary>
    public bool IsFinished => Progress is RunProgress.Completed or RunProgress.EarlyStopped or RunProgress.Diverged;

    /// <summary>
    /// Reads <paramref name="runDir"/>: the last <c>run_end</c> after the last <c>run_start</c> decides a finished
    /// run; otherwise a last checkpoint makes it resumable.
    /// </summary>
    public static RunFolderState Inspect(string runDir)
    {
        ArgumentNullException.ThrowIfNull(runDir);
        if (!Directory.Exists(runDir) || !Directory.EnumerateFileSystemEntries(runDir).Any())
        {
            return new RunFolderState(RunProgress.NotStarted, 0);
        }

        bool checkpoint = File.Exists(Path.Combine(runDir, LastCheckpoint));
        string metrics = Path.Combine(runDir, MetricsFile);
        if (!File.Exists(metrics))
        {
            return new RunFolderState(checkpoint ? RunProgress.Resumable : RunProgress.Started, 0);
        }

        var records = RunLogReader.Read(metrics).Records;
        int epochs = records.OfType<EpochRecord>().Select(e => e.Epoch).Distinct().Count();
        RunEndRecord? end = null;
        foreach (var record in records)
        {
            if (record is RunStartRecord)
            {
                end = null;
            }
            else if (record is RunEndRecord e)
            {
                end = e;
            }
        }

        var progress = end?.Reason switch
        {
            RunEndReason.Completed => RunProgress.Completed,
            RunEndReason.EarlyStop => RunProgress.EarlyStopped,
            RunEndReason.Nonfinite => RunProgress.Diverged,
            _ => checkpoint ? RunProgress.Resumable : RunProgress.Started,
        };
        return new RunFolderState(progress, epochs);
    }
}
