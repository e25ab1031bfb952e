using Perceptor.Diagnostics.RunLog;
using Perceptor.Training.Checkpoints;
using Perceptor.Training.Config;
using Perceptor.Training.Run;
using Perceptor.Training.Runtime;
using Perceptor.Training.Step;
using Perceptor.Training.Networks;
using Perceptor.Training.Tests.Fakes;
using static TorchSharp.torch;

namespace Perceptor.Training.Tests;

/// <summary>One writer per run folder, and resumes that never lose or mix results.</summary>
[Collection(TorchCollection.Name)]
public class RunSafetyTests
{
    private sealed class Lines : ITrainingListener
    {
        public List<string> All { get; } = [];

        public void Message(string line) => All.Add(line);

        public void RunStarted(RunStartRecord start, int batchesPerEpoch)
        {
        }

        public void StepFinished(StepRecord step, int batchesPerEpoch)
        {
        }

        public void EpochFinished(EpochRecord epoch, EvalRecord? eval, CalibrationRecord? calibration)
        {
        }
    }

    private static TrainingResult Train(string run, TrainingConfig config, bool resume = false, ITrainingListener? listener = null) =>
        TrainingLoop.Run(new TrainingRequest { Config = config, DataDir = "memory", RunDir = run, Resume = resume }, listener, TestRuns.Hooks(), default);

    private static TrainingConfig Resumed(string run, int epochs) => TrainingSetup.ResolveConfig(run, true, null, null, [$"train.epochs={epochs}"]);

    [Fact]
    public void A_second_writer_of_a_run_folder_is_refused_with_the_holders_pid()
    {
        string run = TestRuns.TempDir();
        using (RunLock.Acquire(run, "perceptor train"))
        {
            var e = Assert.Throws<RunLockedException>(() => Train(run, TestRuns.Config("train.epochs=1")));
            Assert.Contains($"pid {Environment.ProcessId} (perceptor train", e.Message);
            Assert.Contains(run, e.Message);
            Assert.False(File.Exists(Path.Combine(run, "metrics.jsonl")));
        }

        Assert.Equal(RunEndReason.Completed, Train(run, TestRuns.Config("train.epochs=1")).Reason); // released with its holder
        var resumeWhileHeld = RunLock.Acquire(run, "perceptor train");
        Assert.Throws<RunLockedException>(() => Train(run, Resumed(run, 2), resume: true));
        resumeWhileHeld.Dispose();
    }

    [Fact]
    public void A_resume_without_last_ckpt_continues_from_best_ckpt_and_keeps_it()
    {
        string run = TestRuns.TempDir();
        Train(run, TestRuns.Config("train.epochs=1", "eval.maxFiles=1"));
        string best = Path.Combine(run, "checkpoints", "best.ckpt");
        double bestPesq = CheckpointFile.Read(best).State.BestPesq!.Value;
        File.Delete(Path.Combine(run, "checkpoints", "last.ckpt"));
        File.WriteAllText(Path.Combine(run, "checkpoints", "last.ckpt.tmp-4242-abc"), "half a checkpoint");

        var lines = new Lines();
        var result = Train(run, Resumed(run, 2), resume: true, listener: lines);

        Assert.Equal(RunEndReason.Completed, result.Reason);
        Assert.Equal(6, result.Steps); // 3 from best.ckpt's epoch, then 3 more: not a fresh start
        Assert.Contains(lines.All, l => l.Contains("resuming from", StringComparison.Ordinal) && l.Contains("best.ckpt", StringComparison.Ordinal));
        Assert.Contains(lines.All, l => l.Contains("last.ckpt.tmp-4242-abc", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(run, "checkpoints", "last.ckpt.tmp-4242-abc")));
        var starts = RunLogReader.Read(Path.Combine(run, "metrics.jsonl")).OfType<RunStartRecord>().ToList();
        Assert.Equal([false, true], starts.Select(s => s.Resumed));
        Assert.True(CheckpointFile.Read(best).State.BestPesq >= bestPesq);
    }

    [Fact]
    public void A_resume_with_no_checkpoint_left_is_refused_and_says_what_the_folder_holds()
    {
        string run = TestRuns.TempDir();
        Train(run, TestRuns.Config("train.epochs=1"));
        var config = Resumed(run, 2);
        Directory.Delete(Path.Combine(run, "checkpoints"), recursive: true);
        byte[] log = File.ReadAllBytes(Path.Combine(run, "metrics.jsonl"));

        var e = Assert.Throws<InvalidOperationException>(() => Train(run, config, resume: true));

        Assert.Contains("nothing to resume from", e.Message);
        Assert.Contains("metrics.jsonl", e.Message);
        Assert.Equal(log, File.ReadAllBytes(Path.Combine(run, "metrics.jsonl"))); // nothing appended
        Assert.Contains("best.ckpt", Assert.Throws<InvalidOperationException>(() => Train(run, TestRuns.Config("train.epochs=1"))).Message);
    }

    [Fact]
    public void A_new_run_refuses_a_folder_that_holds_only_a_best_checkpoint()
    {
        string run = TestRuns.TempDir();
        Train(run, TestRuns.Config("train.epochs=1"));
        File.Delete(Path.Combine(run, "metrics.jsonl"));
        File.Delete(Path.Combine(run, "checkpoints", "last.ckpt"));
        byte[] best = File.ReadAllBytes(Path.Combine(run, "checkpoints", "best.ckpt"));

        Assert.Throws<InvalidOperationException>(() => Train(run, TestRuns.Config("train.epochs=1")));
        Assert.Equal(best, File.ReadAllBytes(Path.Combine(run, "checkpoints", "best.ckpt")));
    }

    [Fact]
    public void A_better_best_checkpoint_of_another_run_is_recognised()
    {
        string path = Path.Combine(TestRuns.TempDir(), "best.ckpt");
        var config = TestRuns.Config();
        using (var engine = new MetricGanStep(TestRuns.FakeModels(config.Model.Resolve(), CPU), config, PesqBatchScorers.Wideband(0)))
        {
            var state = new CheckpointState
            {
                Preset = "tiny", Generator = engine.Models.Preset.Generator, Discriminator = engine.Models.Preset.Discriminator,
                Config = ConfigLoader.ToJson(config), BestPesq = 2.0, BestEpoch = 3,
            };
            CheckpointFile.WriteAtomic(path, CheckpointFile.Serialize(state, TrainingSnapshot.Capture(engine.Models.Generator, engine.Models.Discriminator, engine.GenOptimizer, engine.DiscOptimizer)));
        }

        Assert.True(ResumePoint.HoldsBetterBest(path, 1.5));
        Assert.True(ResumePoint.HoldsBetterBest(path, null));
        Assert.False(ResumePoint.HoldsBetterBest(path, 2.5));
        Assert.False(ResumePoint.HoldsBetterBest(path + ".missing", 1.5));
        File.WriteAllText(path, "corrupt");
        Assert.False(ResumePoint.HoldsBetterBest(path, 1.5));
    }

    [Fact]
    public void A_resume_without_data_uses_the_data_folder_the_run_recorded()
    {
        string run = TestRuns.TempDir();
        Train(run, TestRuns.Config("train.epochs=1"));
        string recorded = Path.GetFullPath("memory");
        Assert.Equal(recorded, TrainingSetup.RecordedDataDir(run));
        File.Delete(Path.Combine(run, "checkpoints", "last.ckpt"));
        Assert.Equal(recorded, TrainingSetup.RecordedDataDir(run)); // from best.ckpt
        Directory.Delete(Path.Combine(run, "checkpoints"), recursive: true);
        Assert.Equal(recorded, TrainingSetup.RecordedDataDir(run)); // from env.json
    }
}
