using System.Text.Json;
using Perceptor.Diagnostics.RunLog;
using Perceptor.Training.Checkpoints;
using Perceptor.Training.Config;
using Perceptor.Training.Data;
using Perceptor.Training.Networks;
using Perceptor.Training.Run;
using Perceptor.Training.Probes;
using Perceptor.Training.Tests.Fakes;
using static TorchSharp.torch;

namespace Perceptor.Training.Tests.Run;

[Collection(TorchCollection.Name)]
public class TrainingLoopTests
{
    private sealed class Recorder : ITrainingListener
    {
        public List<string> Lines { get; } = [];
        public Action<StepRecord>? OnStep { get; init; }

        public void Message(string line) => Lines.Add(line);

        public void RunStarted(RunStartRecord start, int batchesPerEpoch)
        {
        }

        public void StepFinished(StepRecord step, int batchesPerEpoch) => OnStep?.Invoke(step);

        public void EpochFinished(EpochRecord epoch, EvalRecord? eval, CalibrationRecord? calibration)
        {
        }
    }

    private static TrainingResult Train(string runDir, TrainingConfig config, bool resume = false, TrainingHooks? hooks = null,
        ITrainingListener? listener = null, CancellationToken ct = default) =>
        TrainingLoop.Run(new TrainingRequest { Config = config, DataDir = "memory", RunDir = runDir, Resume = resume }, listener ?? new Recorder(), hooks ?? TestRuns.Hooks(), ct);

    private static float[] GeneratorWeights(string checkpointPath, bool delivered = false)
    {
        var checkpoint = CheckpointFile.Read(checkpointPath);
        using var generator = checkpoint.State.Preset == "tiny" && delivered ? (TorchSharp.torch.nn.Module)new Perceptor.Models.CmganGenerator(checkpoint.Preset.Generator) : new FakeGenerator();
        checkpoint.LoadGenerator(generator);
        return generator.parameters().SelectMany(p => p.detach().data<float>().ToArray()).ToArray();
    }

    private static IReadOnlyList<ClipPair> TrainingWithASilentClip()
    {
        var pairs = Speech.Pairs(6, 0.8).ToList();
        pairs.Add(Speech.Silent(6, 0.8));
        pairs.Add(Speech.Silent(7, 0.8));
        return pairs;
    }

    [Fact]
    public void A_run_writes_its_folder_and_a_log_the_reader_parses()
    {
        string run = TestRuns.TempDir();
        var hooks = TestRuns.Hooks(train: TrainingWithASilentClip(), delivered: true);
        var recorder = new Recorder();
        var result = Train(run, TestRuns.Config("pesq.failures=skip-batch", "eval.maxFiles=1"), hooks: hooks, listener: recorder);
        Assert.Equal(RunEndReason.Completed, result.Reason);
        Assert.Equal(2, result.EpochsCompleted);
        Assert.Equal(6, result.Steps);

        foreach (string file in new[] { "config.json", "env.json", "metrics.jsonl", "checkpoints/last.ckpt", "checkpoints/best.ckpt" })
        {
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        }

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(run, "tensorboard"), "*", SearchOption.AllDirectories));
        Assert.Equal(TestRuns.Config("pesq.failures=skip-batch", "eval.maxFiles=1"), ConfigLoader.FromFile(Path.Combine(run, "config.json")));
        using (var env = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "env.json"))))
        {
            Assert.Equal(7, env.RootElement.GetProperty("seed").GetInt64());
            Assert.Equal("cpu", env.RootElement.GetProperty("device").GetString());
            Assert.False(string.IsNullOrEmpty(env.RootElement.GetProperty("torchsharp").GetString()));
        }

        var log = RunLogReader.Read(Path.Combine(run, "metrics.jsonl"));
        Assert.Empty(log.Problems);
        Assert.Single(log.OfType<RunStartRecord>());
        var steps = log.OfType<StepRecord>().ToList();
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), steps.Select(s => s.Step));
        Assert.NotEmpty(log.OfType<DiscStatsRecord>());
        Assert.NotEmpty(log.OfType<GradBalanceRecord>());
        Assert.Equal(2, log.OfType<EpochRecord>().Count());
        Assert.Equal(2, log.OfType<EvalRecord>().Count());
        Assert.NotNull(log.OfType<EvalRecord>().First().NoisyPesq);
        Assert.Null(log.OfType<EvalRecord>().Last().NoisyPesq);
        Assert.Equal(2, log.OfType<CalibrationRecord>().Count());
        Assert.Equal(RunEndReason.Completed, Assert.Single(log.OfType<RunEndRecord>()).Reason);
        Assert.Contains(log.OfType<CheckpointRecord>(), c => c.Kind == "best");

        // Skips are skips: null loss, a reason, and counted apart from saturation.
        var skipped = steps.Where(s => s.DiscSkipped).ToList();
        Assert.NotEmpty(skipped);
        Assert.All(skipped, s => Assert.Null(s.DiscLoss));
        Assert.All(skipped, s => Assert.Equal(DiscSkipReason.PesqFailed, s.SkipReason));
        Assert.All(steps.Where(s => !s.DiscSkipped), s => Assert.NotNull(s.DiscLoss));
        var lines = File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Where(l => l.Contains("\"disc_skipped\":true")).ToList();
        Assert.All(lines, l => Assert.Contains("\"disc_loss\":null", l));
        Assert.All(lines, l => Assert.Contains("\"skip_reason\":\"pesq_failed\"", l));
        var epochs = log.OfType<EpochRecord>().ToList();
        Assert.Equal(skipped.Count, epochs.Sum(e => e.DiscSkipped));
        Assert.Equal(steps.Count - skipped.Count, epochs.Sum(e => e.DiscSteps));
        Assert.All(epochs, e => Assert.Equal(e.DiscSkipped / (double)e.Batches, e.SkipRate!.Value, 9));
        Assert.Contains(recorder.Lines, l => l.StartsWith("[disc stats] epoch 1: trained", StringComparison.Ordinal));
    }

    [Fact]
    public void Epoch_end_checkpoints_follow_everyEpochs_and_evaluated_and_final_epochs_always_write()
    {
        string run = TestRuns.TempDir();
        var config = TestRuns.Config("train.epochs=7", "train.maxBatches=1", "eval.every=2", "eval.maxFiles=1",
            "checkpoint.everyEpochs=3", "probe.calibrationClips=0", "probe.gradBalanceEvery=0");
        var result = Train(run, config);
        Assert.Equal(RunEndReason.Completed, result.Reason);

        var log = RunLogReader.Read(Path.Combine(run, "metrics.jsonl"));
        // Evaluated: 2, 4, 6 and the final 7; every third: 3 and 6. Not 1 or 5.
        Assert.Equal([2L, 3, 4, 6, 7], log.OfType<CheckpointRecord>().Where(c => c.Kind == "last").Select(c => (long)c.Epoch));
        var resumePoint = CheckpointFile.Read(Path.Combine(run, "checkpoints", "last.ckpt")).State;
        Assert.Equal(7, resumePoint.Epoch);
        Assert.Equal(7, resumePoint.Step);
    }

    [Fact]
    public void Checkpoints_every_zero_epochs_is_refused_naming_the_key()
    {
        var e = Assert.Throws<ConfigException>(() => TestRuns.Config("checkpoint.everyEpochs=0"));
        Assert.Contains("checkpoint.everyEpochs", e.Message);
    }

    [Fact]
    public void Resuming_continues_exactly_as_a_straight_run()
    {
        var hooks = TestRuns.Hooks(delivered: true);
        string[] small = ["train.maxBatches=2", "eval.maxFiles=1", "probe.calibrationClips=1", "probe.gradBalanceEvery=0"];
        string straight = TestRuns.TempDir();
        Train(straight, TestRuns.Config(small), hooks: hooks);

        // Half the run, then a new process-equivalent resumes with more epochs.
        string split = TestRuns.TempDir();
        Train(split, TestRuns.Config([.. small, "train.epochs=1"]), hooks: hooks);
        var config = TrainingSetup.ResolveConfig(split, resume: true, null, null, ["train.epochs=2"]);
        random.manual_seed(12345); // whatever the global RNG holds now must not matter
        var resumed = Train(split, config, resume: true, hooks: hooks);
        Assert.Equal(4, resumed.Steps);

        var a = GeneratorWeights(Path.Combine(straight, "checkpoints", "last.ckpt"), delivered: true);
        var b = GeneratorWeights(Path.Combine(split, "checkpoints", "last.ckpt"), delivered: true);
        Assert.Equal(a.Length, b.Length);
        for (int i = 0; i < a.Length; i++)
        {
            Assert.True(Math.Abs(a[i] - b[i]) <= 1e-6, $"weight {i}: {a[i]} vs {b[i]}");
        }

        var log = RunLogReader.Read(Path.Combine(split, "metrics.jsonl"));
        Assert.Equal([false, true], log.OfType<RunStartRecord>().Select(r => r.Resumed));
    }

    [Fact]
    public void An_interrupted_run_resumes_mid_epoch_exactly()
    {
        string straight = TestRuns.TempDir();
        Train(straight, TestRuns.Config());

        string split = TestRuns.TempDir();
        using var cts = new CancellationTokenSource();
        var stopper = new Recorder { OnStep = s => { if (s.Step == 4) { cts.Cancel(); } } };
        var first = Train(split, TestRuns.Config(), listener: stopper, ct: cts.Token);
        Assert.Equal(RunEndReason.Interrupted, first.Reason);
        Assert.Equal(4, first.Steps);
        var state = CheckpointFile.Read(Path.Combine(split, "checkpoints", "last.ckpt")).State;
        Assert.Equal((1, 1, 4L), (state.Epoch, state.Batch, state.Step));
        Assert.NotNull(state.Tally);

        var resumed = Train(split, TrainingSetup.ResolveConfig(split, true, null, null, []), resume: true);
        Assert.Equal(RunEndReason.Completed, resumed.Reason);
        Assert.Equal(GeneratorWeights(Path.Combine(straight, "checkpoints", "last.ckpt")),
            GeneratorWeights(Path.Combine(split, "checkpoints", "last.ckpt")));
        var epochs = RunLogReader.Read(Path.Combine(split, "metrics.jsonl")).OfType<EpochRecord>().ToList();
        Assert.Equal(3, epochs.Last().Batches); // the epoch's accounting survived the interruption
    }

    [Fact]
    public void Too_many_non_finite_steps_stop_the_run_and_keep_the_last_good_checkpoint()
    {
        // Stand-in networks on both sides of the resume so the second process can turn NaN on.
        string run = TestRuns.TempDir();
        Train(run, TestRuns.Config("train.epochs=1"), hooks: TestRuns.Hooks() with { CreateModels = TestRuns.FakeModels });
        string last = Path.Combine(run, "checkpoints", "last.ckpt");
        byte[] good = File.ReadAllBytes(last);

        var nanHooks = TestRuns.Hooks() with
        {
            CreateModels = (preset, device) => new TrainingModels(preset, new FakeGenerator { EmitNaN = true }, new FakeDiscriminator(), new FakeSpectralPath(device), device),
        };
        var config = TrainingSetup.ResolveConfig(run, true, null, null, ["train.epochs=3", "train.nonfiniteLimit=2"]);
        var result = Train(run, config, resume: true, hooks: nanHooks);
        Assert.Equal(RunEndReason.Nonfinite, result.Reason);
        Assert.Contains("2 non-finite steps in a row", result.Message);
        Assert.Equal(good, File.ReadAllBytes(last));
        var log = RunLogReader.Read(Path.Combine(run, "metrics.jsonl"));
        Assert.Empty(log.Problems);
        Assert.Equal(RunEndReason.Nonfinite, log.OfType<RunEndRecord>().Last().Reason);
        var bad = log.OfType<StepRecord>().Where(s => s.Nonfinite).ToList();
        Assert.Equal(2, bad.Count);
        Assert.All(bad, s => Assert.Null(s.DiscLoss));
    }

    [Fact]
    public void A_corrupt_checkpoint_is_named_and_the_log_stays_readable()
    {
        string run = TestRuns.TempDir();
        Train(run, TestRuns.Config("train.epochs=1"));
        string last = Path.Combine(run, "checkpoints", "last.ckpt");
        byte[] bytes = File.ReadAllBytes(last);
        File.WriteAllBytes(last, bytes.AsSpan(0, bytes.Length / 2).ToArray());
        File.Delete(Path.Combine(run, "checkpoints", "best.ckpt")); // with no valid checkpoint to fall back on
        var config = TrainingSetup.ResolveConfig(run, true, null, null, ["train.epochs=2"]);
        var e = Assert.Throws<CheckpointException>(() => Train(run, config, resume: true));
        Assert.Equal(last, e.FilePath);
        Assert.Contains("corrupt or truncated", e.Message);
        Assert.Empty(RunLogReader.Read(Path.Combine(run, "metrics.jsonl")).Problems);

        File.WriteAllBytes(last, []);
        Assert.Contains("empty file", Assert.Throws<CheckpointException>(() => CheckpointFile.Read(last)).Message);
        bytes[bytes.Length / 3] ^= 0x40;
        File.WriteAllBytes(last, bytes);
        Assert.Contains("checksum", Assert.Throws<CheckpointException>(() => CheckpointFile.Read(last)).Message);
    }

    [Fact]
    public void A_new_run_refuses_a_folder_that_holds_one()
    {
        string run = TestRuns.TempDir();
        Train(run, TestRuns.Config("train.epochs=1"));
        var e = Assert.Throws<InvalidOperationException>(() => Train(run, TestRuns.Config("train.epochs=1")));
        Assert.Contains("--resume", e.Message);
    }

    [Fact]
    public void Resuming_a_finished_run_without_more_epochs_says_so()
    {
        string run = TestRuns.TempDir();
        Train(run, TestRuns.Config("train.epochs=1"));
        var result = Train(run, TrainingSetup.ResolveConfig(run, true, null, null, []), resume: true);
        Assert.Equal(RunEndReason.Completed, result.Reason);
        Assert.Contains("raise train.epochs", result.Message);
        Assert.Equal(3, result.Steps);
    }

    [Fact]
    public void The_collapse_watch_can_stop_a_run_early()
    {
        // A rule that calls collapse at the second evaluated epoch exercises the record and the stop.
        var hooks = TestRuns.Hooks() with { CollapseRule = new AlwaysAfterFirst() };
        string run = TestRuns.TempDir();
        var result = Train(run, TestRuns.Config("train.epochs=4", "collapse.earlyStop=true"), hooks: hooks);
        Assert.Equal(RunEndReason.EarlyStop, result.Reason);
        Assert.Equal(2, result.EpochsCompleted);
        var log = RunLogReader.Read(Path.Combine(run, "metrics.jsonl"));
        Assert.Equal("early_stop", Assert.Single(log.OfType<CollapseRecord>()).Action);
        Assert.Equal(RunEndReason.EarlyStop, log.OfType<RunEndRecord>().Single().Reason);
    }

    private sealed class AlwaysAfterFirst : ICollapseRule
    {
        public CollapseVerdict? Check(IReadOnlyList<EpochScore> history, double drop, int epochs) =>
            history.Count < 2 ? null : new CollapseVerdict(history[^1].Epoch, history[0].Epoch, history[0].Pesq, history[^1].Pesq, history[0].Pesq - history[^1].Pesq);
    }
}
