using Perceptor.Experiments.Running;

namespace Perceptor.Experiments.Tests.Running;

public sealed class ExperimentRunnerTests : IDisposable
{
    private readonly string _root = FakeRuns.TempDir("runner");
    private readonly string _data;
    private readonly string _out;

    public ExperimentRunnerTests()
    {
        _data = Path.Combine(_root, "data");
        _out = Path.Combine(_root, "out");
        Directory.CreateDirectory(_data);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private ExperimentPlan Plan(string arms = "baseline,mask", long[]? seeds = null, int epochs = 3) => ExperimentPlanner.Plan(new ExperimentSpec
    {
        DataDir = _data,
        OutDir = _out,
        Arms = ExperimentPlanner.ParseArms([arms], null, null, []),
        Seeds = seeds ?? [1, 2],
        Epochs = epochs,
    });

    /// <summary>
    /// Trains by writing epoch records. It can be told to "crash" (throw) or to be interrupted (cancel the
    /// experiment, write a checkpoint and run_end interrupted) after some epochs of a given run.
    /// </summary>
    private sealed class FakeTrainer : IRunTrainer
    {
        public List<TrainRequest> Calls { get; } = [];

        public string? InterruptRun { get; init; }

        public string? CrashRun { get; init; }

        public int StopAfterEpochs { get; init; } = 1;

        public CancellationTokenSource? Experiment { get; init; }

        public void Train(TrainRequest request, CancellationToken cancellationToken)
        {
            Calls.Add(request);
            int epochs = int.Parse(request.Overrides.Single(o => o.StartsWith("train.epochs=", StringComparison.Ordinal)).Split('=')[1]);
            long seed = long.Parse(request.Overrides.Single(o => o.StartsWith("train.seed=", StringComparison.Ordinal)).Split('=')[1]);
            int done = Perceptor.Experiments.Running.RunFolderState.Inspect(request.RunDir).EpochsLogged;
            if (request.Resume != done > 0)
            {
                throw new InvalidOperationException($"resume={request.Resume} but {done} epochs are logged");
            }

            int todo = epochs - done;
            if (request.RunName == InterruptRun && done == 0)
            {
                FakeRuns.Write(request.RunDir, seed, Epochs(StopAfterEpochs), end: "interrupted", checkpoint: true);
                Experiment!.Cancel();
                return;
            }

            if (request.RunName == CrashRun && done == 0)
            {
                FakeRuns.Write(request.RunDir, seed, Epochs(StopAfterEpochs), end: null, checkpoint: true);
                throw new IOException("disk full");
            }

            FakeRuns.Write(request.RunDir, seed, Epochs(todo), end: "completed", firstEpoch: done + 1);
        }

        private static List<FakeRuns.Epoch> Epochs(int n) => Enumerable.Range(0, n).Select(i => new FakeRuns.Epoch(2.0 + 0.1 * i)).ToList();
    }

    [Fact]
    public void Every_run_trains_into_its_own_folder_and_the_manifest_records_it()
    {
        var trainer = new FakeTrainer();
        var outcome = new ExperimentRunner(trainer, TextWriter.Null).Run(Plan());

        Assert.True(outcome.AllFinished);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(["baseline/seed-1", "mask/seed-1", "baseline/seed-2", "mask/seed-2"], trainer.Calls.Select(c => c.RunName));
        Assert.All(trainer.Calls, c => Assert.Equal(Path.Combine(_out, c.RunName), c.RunDir));
        var manifest = ExperimentManifest.Load(_out)!;
        Assert.Equal(["baseline", "mask"], manifest.Arms.Select(a => a.Name));
        Assert.Equal([1L, 2L], manifest.Seeds);
        Assert.All(manifest.Runs, r => Assert.Equal(RunStatus.Completed, r.Status));
        Assert.All(manifest.Runs, r => Assert.Equal(1, r.Attempts));
    }

    [Fact]
    public void An_interrupted_experiment_continues_where_it_stopped()
    {
        using var stop = new CancellationTokenSource();
        var first = new FakeTrainer { InterruptRun = "mask/seed-1", Experiment = stop };
        var outcome = new ExperimentRunner(first, TextWriter.Null).Run(Plan(), stop.Token);

        Assert.True(outcome.Interrupted);
        Assert.Equal((130, 1), (outcome.ExitCode, outcome.Finished));
        Assert.Equal(["baseline/seed-1", "mask/seed-1"], first.Calls.Select(c => c.RunName));
        Assert.Equal([RunStatus.Completed, RunStatus.Interrupted, RunStatus.Pending, RunStatus.Pending], outcome.Runs.Select(r => r.Status));
        var saved = ExperimentManifest.Load(_out)!;
        Assert.Equal(RunStatus.Interrupted, saved.Find("mask/seed-1")!.Status);

        var second = new FakeTrainer();
        var resumed = new ExperimentRunner(second, TextWriter.Null).Run(Plan());

        // The finished run is skipped, the interrupted one resumes from its checkpoint, the rest start.
        Assert.True(resumed.AllFinished);
        Assert.Equal(["mask/seed-1", "baseline/seed-2", "mask/seed-2"], second.Calls.Select(c => c.RunName));
        Assert.True(second.Calls[0].Resume);
        Assert.False(second.Calls[1].Resume);
        Assert.Equal("skipped", resumed.Runs[0].Action);
        Assert.Equal("resumed", resumed.Runs[1].Action);
        Assert.Equal(3, Perceptor.Experiments.Running.RunFolderState.Inspect(Path.Combine(_out, "mask", "seed-1")).EpochsLogged);
        Assert.Equal(2, ExperimentManifest.Load(_out)!.Find("mask/seed-1")!.Attempts);
    }

    [Fact]
    public void A_crashed_run_is_marked_failed_and_resumed_next_time_while_the_others_go_on()
    {
        var first = new FakeTrainer { CrashRun = "baseline/seed-1", StopAfterEpochs = 2 };
        var outcome = new ExperimentRunner(first, TextWriter.Null, retries: 0).Run(Plan());

        Assert.Equal(4, first.Calls.Count);
        Assert.Equal(RunStatus.Failed, outcome.Runs[0].Status);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("baseline/seed-1", Assert.Single(outcome.Failed).Run.Name);
        Assert.Contains("disk full", outcome.Runs[0].Message);
        Assert.Equal("disk full", ExperimentManifest.Load(_out)!.Find("baseline/seed-1")!.Message);

        var second = new FakeTrainer();
        new ExperimentRunner(second, TextWriter.Null).Run(Plan());
        var call = Assert.Single(second.Calls);
        Assert.Equal("baseline/seed-1", call.RunName);
        Assert.True(call.Resume);
    }

    [Fact]
    public void A_run_whose_trainer_throws_is_retried_at_once_from_its_checkpoint()
    {
        var trainer = new FakeTrainer { CrashRun = "mask/seed-1", StopAfterEpochs = 1 };
        var outcome = new ExperimentRunner(trainer, TextWriter.Null).Run(Plan(seeds: [1]));

        Assert.True(outcome.AllFinished);
        Assert.Equal(["baseline/seed-1", "mask/seed-1", "mask/seed-1"], trainer.Calls.Select(c => c.RunName));
        Assert.True(trainer.Calls[2].Resume);
        Assert.Equal(2, ExperimentManifest.Load(_out)!.Find("mask/seed-1")!.Attempts);
    }

    [Fact]
    public void A_run_that_never_reached_a_checkpoint_starts_over_and_its_partial_folder_is_kept_aside()
    {
        string partial = Path.Combine(_out, "baseline", "seed-1");
        FakeRuns.Write(partial, 1, [new FakeRuns.Epoch(2.0)], end: null, checkpoint: false);

        var trainer = new FakeTrainer();
        new ExperimentRunner(trainer, TextWriter.Null).Run(Plan(seeds: [1]));

        Assert.False(trainer.Calls[0].Resume);
        Assert.True(Directory.Exists(partial + ".aborted-1"));
        Assert.Equal(3, Perceptor.Experiments.Running.RunFolderState.Inspect(partial).EpochsLogged);
    }

    [Fact]
    public void A_run_that_a_live_trainer_still_writes_is_left_alone_while_the_others_go_on()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // trainers are found through /proc; the project builds for linux-x64 everywhere but Windows
        }

        // What a killed parallel experiment leaves behind: a `perceptor train` of its own still writing its run folder.
        string partial = Path.Combine(_out, "mask", "seed-1");
        FakeRuns.Write(partial, 1, [new FakeRuns.Epoch(2.0)], end: null, checkpoint: false);
        using var orphan = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash",
            ["-c", "sleep 60; exit 0", "perceptor", "train", "--data", _data, "--run", partial]) { UseShellExecute = false })!;
        try
        {
            var trainer = new FakeTrainer();
            var outcome = new ExperimentRunner(trainer, TextWriter.Null).Run(Plan(seeds: [1]));

            Assert.Equal(["baseline/seed-1"], trainer.Calls.Select(c => c.RunName));
            Assert.Equal([RunStatus.Completed, RunStatus.Failed], outcome.Runs.Select(r => r.Status));
            Assert.Contains($"process {orphan.Id}", outcome.Runs[1].Message);
            Assert.False(Directory.Exists(partial + ".aborted-1"), "the folder the orphan writes was moved aside");
            Assert.Contains($"process {orphan.Id}", ExperimentManifest.Load(_out)!.Find("mask/seed-1")!.Message);
        }
        finally
        {
            orphan.Kill();
        }
    }

    [Fact]
    public void Continuing_with_other_settings_is_refused_but_new_arms_and_seeds_are_added()
    {
        new ExperimentRunner(new FakeTrainer(), TextWriter.Null).Run(Plan(seeds: [1]));

        var error = Assert.Throws<ArgumentException>(() => new ExperimentRunner(new FakeTrainer(), TextWriter.Null).Run(Plan(seeds: [1], epochs: 5)));
        Assert.Contains("epochs", error.Message);

        var more = new FakeTrainer();
        new ExperimentRunner(more, TextWriter.Null).Run(Plan("baseline,mask,gan-weight=0.2", seeds: [1, 2]));
        Assert.Equal(["gan-weight=0.2/seed-1", "baseline/seed-2", "mask/seed-2", "gan-weight=0.2/seed-2"], more.Calls.Select(c => c.RunName));
        Assert.Equal(6, ExperimentManifest.Load(_out)!.Runs.Count);
    }

    [Fact]
    public void Parallel_runs_all_finish_and_each_run_trains_once()
    {
        var trainer = new ConcurrentTrainer();
        var outcome = new ExperimentRunner(trainer, TextWriter.Null, parallel: 3).Run(Plan("baseline,mask,batch-mean", seeds: [1, 2]));
        Assert.True(outcome.AllFinished);
        Assert.Equal(6, trainer.Names.Count);
        Assert.Equal(6, trainer.Names.Distinct().Count());
    }

    private sealed class ConcurrentTrainer : IRunTrainer
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Names { get; } = [];

        public void Train(TrainRequest request, CancellationToken cancellationToken)
        {
            Names.Add(request.RunName);
            FakeRuns.Write(request.RunDir, 1, [new FakeRuns.Epoch(2.0), new FakeRuns.Epoch(2.1), new FakeRuns.Epoch(2.2)]);
        }
    }
}
