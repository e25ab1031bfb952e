using System.Diagnostics;
using System.Security.Cryptography;
using Perceptor.Experiments.Arms;
using Perceptor.Experiments.Cluster;
using Perceptor.Experiments.Reporting;
using Perceptor.Experiments.Running;
using Perceptor.Models;
using Perceptor.Training.Checkpoints;
using Perceptor.Training.Config;
using static TorchSharp.torch;

namespace Perceptor.Experiments.Tests;

/// <summary>
/// <c>experiment --init-generator/--init-discriminator</c>: every arm and seed starts from the same checked weights, the
/// manifest keeps their hash, and nothing starts from a file that is not what the experiment began with.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class StartingWeightsTests : IDisposable
{
    // Another width than the tiny preset's, as a real fine-tuning source may have: the size must come from the file.
    private static readonly GeneratorConfig Size = ModelPresets.Tiny.Generator with { Channels = 8, AttentionHeadDim = 8 };

    private readonly string _root = FakeRuns.TempDir("init");
    private readonly string _data;
    private readonly string _out;
    private readonly string _generator;
    private readonly string _discriminator;

    public StartingWeightsTests()
    {
        _data = Path.Combine(_root, "data");
        _out = Path.Combine(_root, "out");
        Directory.CreateDirectory(_data);
        _generator = Path.Combine(_root, "peak generator.safetensors");
        _discriminator = Path.Combine(_root, "peak-disc.pt");
        WriteGenerator(_generator, seed: 7);
        random.manual_seed(8);
        using var disc = new MetricDiscriminator(ModelPresets.Tiny.Discriminator);
        StateDictFiles.Write(_discriminator, WeightsFormat.PyTorch, disc.state_dict());
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static void WriteGenerator(string path, long seed)
    {
        random.manual_seed(seed);
        using var generator = new CmganGenerator(Size);
        StateDictFiles.Write(path, WeightsFormat.Safetensors, generator.state_dict());
    }

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private ExperimentSpec Spec(long[] seeds, string? generator, string? discriminator = null, string arms = "baseline,mask") => new()
    {
        DataDir = _data,
        OutDir = _out,
        Arms = ExperimentPlanner.ParseArms([arms], "tiny", null, []),
        Seeds = seeds,
        Epochs = 2,
        Preset = "tiny",
        InitGenerator = generator,
        InitDiscriminator = discriminator,
    };

    private ExperimentPlan Plan(long[] seeds, string? generator = null, string? discriminator = null) =>
        ExperimentPlanner.Plan(Spec(seeds, generator ?? _generator, discriminator));

    /// <summary>Trains by writing completed run folders; can replace a file after its first run, as a careless user might.</summary>
    private sealed class FakeTrainer(Action? afterFirst = null) : IRunTrainer
    {
        public List<TrainRequest> Calls { get; } = [];

        public void Train(TrainRequest request, CancellationToken cancellationToken)
        {
            Calls.Add(request);
            long seed = long.Parse(request.Overrides.Single(o => o.StartsWith("train.seed=", StringComparison.Ordinal)).Split('=')[1],
                System.Globalization.CultureInfo.InvariantCulture);
            FakeRuns.Write(request.RunDir, seed, [new FakeRuns.Epoch(2.4), new FakeRuns.Epoch(2.2)]);
            if (Calls.Count == 1)
            {
                afterFirst?.Invoke();
            }
        }
    }

    [Fact]
    public void Every_arm_and_seed_resolves_to_the_same_absolute_weights_with_the_size_of_the_file()
    {
        // Given relative to the working folder, as on a command line: child processes and cluster nodes need the full path.
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, _generator);
        var plan = ExperimentPlanner.Plan(Spec([1, 2], relative, _discriminator));

        Assert.Equal(4, plan.Runs.Count);
        foreach (var run in plan.Runs)
        {
            var config = ConfigLoader.Load("tiny", null, run.Overrides);
            Assert.Equal(_generator, config.Model.InitGenerator);
            Assert.Equal(_discriminator, config.Model.InitDiscriminator);
        }

        Assert.Equal([ModelPart.Generator, ModelPart.Discriminator], plan.InitialWeights.Select(w => w.Part));
        Assert.Equal(Sha(_generator), plan.InitialWeights[0].Sha256);
        Assert.Equal("Safetensors", plan.InitialWeights[0].Format);
        Assert.Contains("8 channels", plan.InitialWeights[0].Network);
        Assert.Equal("PyTorch", plan.InitialWeights[1].Format);
    }

    [Fact]
    public void The_manifest_records_path_and_hash_and_the_trainer_gets_the_weights_in_every_run()
    {
        var trainer = new FakeTrainer();
        var outcome = new ExperimentRunner(trainer, TextWriter.Null).Run(Plan([1, 2]));

        Assert.True(outcome.AllFinished);
        Assert.Equal(4, trainer.Calls.Count);
        Assert.All(trainer.Calls, c => Assert.Contains("model.initGenerator=" + _generator, c.Overrides));
        var recorded = Assert.Single(ExperimentManifest.Load(_out)!.InitialWeights);
        Assert.Equal((ModelPart.Generator, _generator, Sha(_generator)), (recorded.Part, recorded.Path, recorded.Sha256));

        // Continuing with the same file adds a seed.
        var more = new FakeTrainer();
        new ExperimentRunner(more, TextWriter.Null).Run(Plan([1, 2, 3]));
        Assert.Equal(["baseline/seed-3", "mask/seed-3"], more.Calls.Select(c => c.RunName));
    }

    [Fact]
    public void Continuing_after_the_file_changed_or_without_it_is_refused_and_trains_nothing()
    {
        new ExperimentRunner(new FakeTrainer(), TextWriter.Null).Run(Plan([1]));
        string before = File.ReadAllText(Path.Combine(_out, ExperimentManifest.FileName));

        WriteGenerator(_generator, seed: 11);
        var trainer = new FakeTrainer();
        var changed = Assert.Throws<ArgumentException>(() => new ExperimentRunner(trainer, TextWriter.Null).Run(Plan([1, 2])));
        Assert.StartsWith(_generator + ": --init-generator file changed", changed.Message);
        Assert.DoesNotContain('\n', changed.Message);

        var dropped = Assert.Throws<ArgumentException>(() => new ExperimentRunner(trainer, TextWriter.Null).Run(ExperimentPlanner.Plan(Spec([1, 2], null))));
        Assert.Contains("--init-generator", dropped.Message);
        Assert.Empty(trainer.Calls);
        Assert.Equal(before, File.ReadAllText(Path.Combine(_out, ExperimentManifest.FileName)));
    }

    [Fact]
    public void A_file_replaced_while_the_experiment_runs_starts_no_further_run()
    {
        var trainer = new FakeTrainer(afterFirst: () => WriteGenerator(_generator, seed: 12));
        var outcome = new ExperimentRunner(trainer, TextWriter.Null).Run(Plan([1]));

        Assert.Single(trainer.Calls);
        Assert.Equal([RunStatus.Completed, RunStatus.Failed], outcome.Runs.Select(r => r.Status));
        Assert.Contains("changed since the experiment checked it", outcome.Runs[1].Message);
        Assert.Equal(outcome.Runs[1].Message, ExperimentManifest.Load(_out)!.Find("mask/seed-1")!.Message);
    }

    [Fact]
    public void A_missing_or_unfitting_file_stops_the_experiment_before_any_run_with_one_line_naming_it()
    {
        string text = Path.Combine(_root, "notes.pt");
        File.WriteAllText(text, "not weights at all");
        var cases = new (string? Generator, string? Discriminator, string Named)[]
        {
            (Path.Combine(_root, "missing.ckpt"), null, Path.Combine(_root, "missing.ckpt")),
            (_root, null, _root),
            (text, null, text),
            (_discriminator, null, _discriminator),   // a discriminator is not a generator
            (_generator, _generator, _generator),     // nor the other way round
        };
        foreach (var (generator, discriminator, named) in cases)
        {
            var request = new ExperimentRequest
            {
                DataDir = _data, OutDir = _out, Arms = ["baseline,mask"], Seeds = [1], Epochs = 1, Preset = "tiny",
                InitGenerator = generator, InitDiscriminator = discriminator,
            };
            var error = Assert.ThrowsAny<IOException>(() => ExperimentSession.Run(request, TextWriter.Null, new FakeTrainer()));
            Assert.StartsWith(named + ": ", error.Message);
            Assert.DoesNotContain('\n', error.Message);
            Assert.False(Directory.Exists(_out), $"{named}: the experiment folder was created");
        }
    }

    [Fact]
    public void Starting_weights_given_as_settings_are_refused_in_favour_of_the_options()
    {
        var common = Spec([1], null) with { CommonSettings = ["model.initGenerator=" + _generator] };
        Assert.Contains("--init-generator", Assert.Throws<ArgumentException>(() => ExperimentPlanner.Plan(common)).Message);

        var arm = Spec([1], null) with { Arms = [ArmParser.Baseline, ArmParser.Custom("warm", ["model.initDiscriminator=" + _discriminator])] };
        Assert.Contains("--init-discriminator", Assert.Throws<ArgumentException>(() => ExperimentPlanner.Plan(arm)).Message);
    }

    [Fact]
    public void Init_from_a_run_folder_names_its_best_or_last_checkpoint_and_nothing_else()
    {
        string run = Path.Combine(_root, "base run");
        FakeRuns.Write(run, 1, [new FakeRuns.Epoch(2.5), new FakeRuns.Epoch(2.0)]);
        string last = Path.Combine(run, "checkpoints", "last.ckpt");
        string best = Path.Combine(run, "checkpoints", "best.ckpt");

        Assert.Equal(last, StartingWeights.CheckpointOfRun(run + ":last"));
        Assert.Equal(best, Assert.Throws<FileNotFoundException>(() => StartingWeights.CheckpointOfRun(run)).FileName);
        File.Copy(last, best);
        Assert.Equal(best, StartingWeights.CheckpointOfRun(run));
        Assert.Equal(best, StartingWeights.CheckpointOfRun(run + ":best"));
        Assert.Contains("--init-generator FILE", Assert.Throws<ArgumentException>(() => StartingWeights.CheckpointOfRun(run + ":epoch 3")).Message);
        Assert.Contains("takes a run folder", Assert.Throws<ArgumentException>(() => StartingWeights.CheckpointOfRun(_generator)).Message);
        Assert.StartsWith(Path.Combine(_root, "gone") + ": ",
            Assert.Throws<DirectoryNotFoundException>(() => StartingWeights.CheckpointOfRun(Path.Combine(_root, "gone"))).Message);

        // The fake checkpoint is no checkpoint: the experiment refuses it, naming it, before any run; and it stands for both options.
        var request = new ExperimentRequest { DataDir = _data, OutDir = _out, Arms = ["baseline,mask"], Seeds = [1], Epochs = 1, Preset = "tiny", InitFrom = run };
        Assert.StartsWith(best + ": ", Assert.ThrowsAny<IOException>(() => ExperimentSession.Run(request, TextWriter.Null, new FakeTrainer())).Message);
        Assert.Contains("not both", Assert.Throws<ArgumentException>(() =>
            ExperimentSession.Run(request with { InitGenerator = _generator }, TextWriter.Null, new FakeTrainer())).Message);
        Assert.False(Directory.Exists(_out));
    }

    [Fact]
    public void A_job_array_task_passes_the_weights_to_train_and_refuses_a_changed_file()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the scripts are bash for Linux clusters
        }

        var script = JobArrayScriptWriter.Write(Plan([1]), new ClusterOptions());
        string text = File.ReadAllText(script.Path);
        Assert.Contains($"sha256 {Sha(_generator)}", text);
        string calls = Path.Combine(_root, "calls.txt");
        string stub = Path.Combine(_root, "perceptor-stub");
        File.WriteAllText(stub, $"#!/bin/bash\nprintf '%s\\n' \"$@\" > '{calls}'\n");
        File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var env = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "1", ["PERCEPTOR"] = stub };

        var task = Bash(script.Path, env);
        Assert.Equal(0, task.ExitCode);
        var args = File.ReadAllLines(calls);
        int at = Array.IndexOf(args, "model.initGenerator=" + _generator);
        Assert.True(at > 0 && args[at - 1] == "--set", string.Join(" ", args));

        File.Delete(calls);
        Assert.False(Directory.Exists(Path.Combine(_out, "mask", "seed-1")), "the stub wrote no run, so the task will start it again");
        WriteGenerator(_generator, seed: 13);
        var refused = Bash(script.Path, env);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(_generator + ": --init-generator file is gone or changed", refused.Output);
        Assert.False(File.Exists(calls), "train ran from a changed file");
    }

    [Fact]
    public void The_report_says_every_arm_started_from_the_weights_and_how_epochs_count()
    {
        new ExperimentRunner(new FakeTrainer(), TextWriter.Null).Run(Plan([1, 2]));
        var report = ComparisonAnalyzer.Analyze(_out);

        string markdown = Perceptor.Diagnostics.Report.MarkdownRenderer.Render(ComparisonReportBuilder.Build(report, includePlots: false));
        Assert.Contains($"Every arm and seed started from the same generator weights {_generator} (sha256 {Sha(_generator)[..12]}", markdown);
        Assert.Contains($"dense depth {Size.DenseDepth}), a fresh discriminator and fresh optimisers", markdown);
        Assert.Contains("epoch 1 is the first epoch trained after it", markdown);
        Assert.Contains($"--init-generator '{_generator}'", markdown);   // the path has a blank
        Assert.Contains($"every arm started from generator weights {_generator}", ComparisonReportBuilder.Summary(report));
    }

    private static (int ExitCode, string Output) Bash(string script, IReadOnlyDictionary<string, string> env)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        foreach (string name in new[] { "SLURM_ARRAY_TASK_ID", "PBS_ARRAYID", "PBS_ARRAY_INDEX", "SLURM_CPUS_PER_TASK", "PBS_NUM_PPN", "NCPUS", "PERCEPTOR" })
        {
            info.Environment.Remove(name);
        }

        foreach (var (k, v) in env)
        {
            info.Environment[k] = v;
        }

        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }
}
