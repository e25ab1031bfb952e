using Perceptor.Diagnostics.RunLog;
using Perceptor.Training.Checkpoints;
using Perceptor.Training.Config;

namespace Perceptor.Training.Run;

/// <summary>Writes <c>checkpoints/last.ckpt</c> (and <c>best.ckpt</c>) of a session at a given standing, and logs each write.</summary>
internal sealed class RunCheckpoints(TrainingSession session)
{
    /// <summary>A checkpoint that resumes at <paramref name="standing"/>; also <c>best.ckpt</c> when <paramref name="best"/>.</summary>
    public void Write(RunStanding standing, bool best)
    {
        var models = session.Iteration.Models;
        var position = standing.Position;
        var state = new CheckpointState
        {
            Preset = models.Preset.Name,
            Generator = models.Preset.Generator,
            Discriminator = models.Preset.Discriminator,
            Epoch = position.Epoch,
            Batch = position.Batch,
            Step = position.Step,
            Seed = session.Config.Train.Seed,
            BestPesq = standing.BestPesq,
            BestEpoch = standing.BestEpoch,
            Config = ConfigLoader.ToJson(session.Config),
            DataDir = Path.GetFullPath(session.Request.DataDir),
            Tally = position.Batch > 0 ? standing.Tally : null,
            PesqHistory = session.Collapse.History.ToArray(),
            InCollapse = session.Collapse.InCollapse,
            ConsecutiveNonfinite = standing.ConsecutiveNonfinite,
        };
        var snapshot = TrainingSnapshot.Capture(models.Generator, models.Discriminator, session.Iteration.GenOptimizer, session.Iteration.DiscOptimizer);
        byte[] bytes = CheckpointFile.Serialize(state, snapshot);
        var folder = session.Folder;
        CheckpointFile.WriteAtomic(folder.LastCheckpoint, bytes);
        session.Recorder.Checkpoint(new CheckpointRecord
        {
            Epoch = position.Epoch, Step = position.Step, Kind = "last", Path = folder.Relative(folder.LastCheckpoint), Pesq = standing.LastPesq,
        });
        if (best && ResumePoint.HoldsBetterBest(folder.BestCheckpoint, standing.BestPesq))
        {
            session.Recorder.Say($"warning: {folder.BestCheckpoint} holds a better eval PESQ than this run's {standing.BestPesq:0.000}; it is kept");
        }
        else if (best)
        {
            CheckpointFile.WriteAtomic(folder.BestCheckpoint, bytes);
            session.Recorder.Checkpoint(new CheckpointRecord
            {
                Epoch = position.Epoch, Step = position.Step, Kind = "best", Path = folder.Relative(folder.BestCheckpoint), Pesq = standing.BestPesq,
            });
        }
    }
}
