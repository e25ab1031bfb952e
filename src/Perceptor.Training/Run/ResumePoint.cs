using Perceptor.Audio.IO;
using Perceptor.Training.Checkpoints;

namespace Perceptor.Training.Run;

/// <summary>
/// Where a resumed run continues, and what a run may replace in its folder, so that neither a resume nor a new run
/// destroys results: a resume takes the newest checkpoint that reads back (<c>last.ckpt</c>, else <c>best.ckpt</c>)
/// and refuses, naming what the folder holds, when there is none; <c>best.ckpt</c> is never replaced by a worse one.
/// </summary>
internal static class ResumePoint
{
    /// <summary>
    /// The checkpoint to resume <paramref name="folder"/> from; null for a folder that holds no run yet (nothing was
    /// recorded there, so starting from the beginning loses nothing). <paramref name="say"/> receives warnings.
    /// </summary>
    public static Checkpoint? Choose(RunFolder folder, Action<string> say)
    {
        CheckpointException? lastProblem = null;
        if (File.Exists(folder.LastCheckpoint))
        {
            try
            {
                return CheckpointFile.Read(folder.LastCheckpoint);
            }
            catch (CheckpointException e)
            {
                lastProblem = e;
            }
        }

        if (File.Exists(folder.BestCheckpoint))
        {
            try
            {
                var best = CheckpointFile.Read(folder.BestCheckpoint);
                say($"warning: {(lastProblem?.Message ?? folder.LastCheckpoint + ": missing")}; resuming from {folder.BestCheckpoint} " +
                    $"(epoch {best.State.Epoch}, step {best.State.Step}). Records logged after that point belong to the abandoned continuation.");
                return best;
            }
            catch (CheckpointException) when (lastProblem is not null)
            {
                throw lastProblem; // the newer checkpoint's problem is the one to report
            }
        }

        if (lastProblem is not null)
        {
            throw lastProblem;
        }

        string[] recorded = new[] { folder.MetricsPath, folder.ConfigPath, folder.EnvPath }.Where(File.Exists).Select(folder.Relative).ToArray();
        if (!File.Exists(folder.MetricsPath))
        {
            say($"{folder.LastCheckpoint}: no checkpoint yet; starting the run from the beginning");
            return null;
        }

        throw new InvalidOperationException(
            $"{folder.Root}: nothing to resume from: it holds {string.Join(", ", recorded)} but neither checkpoints/last.ckpt nor " +
            "checkpoints/best.ckpt; starting again here would append a second, unrelated run to its log. Start a new run in another --run folder.");
    }

    /// <summary>
    /// True when <paramref name="path"/> holds a checkpoint whose best eval PESQ beats <paramref name="pesq"/>: one
    /// left by another run (a run only writes its best when it improves on its own), which must not be replaced.
    /// </summary>
    public static bool HoldsBetterBest(string path, double? pesq)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            return CheckpointFile.Read(path).State.BestPesq is { } recorded && (pesq is null || recorded > pesq.Value);
        }
        catch (CheckpointException)
        {
            return false; // an unreadable best.ckpt protects nothing
        }
    }

    /// <summary>Removes the temporary files that writers of this folder's files left when they were killed.</summary>
    public static IReadOnlyList<string> RemoveStaleTemporaries(RunFolder folder) =>
        new[] { folder.LastCheckpoint, folder.BestCheckpoint, folder.ConfigPath, folder.EnvPath }
            .SelectMany(AtomicFile.RemoveStaleTemporaries).ToList();
}
