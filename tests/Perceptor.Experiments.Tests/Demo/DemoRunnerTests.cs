using Perceptor.Audio;
using Perceptor.Audio.Synthesis;
using Perceptor.Experiments.Demo;
using Perceptor.Experiments.Running;
using Perceptor.Quality.Pesq;

namespace Perceptor.Experiments.Tests.Demo;

public sealed class DemoRunnerTests : IDisposable
{
    private readonly string _root = FakeRuns.TempDir("demo");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class Trainer : IRunTrainer
    {
        public List<TrainRequest> Calls { get; } = [];

        public void Train(TrainRequest request, CancellationToken cancellationToken)
        {
            Calls.Add(request);
            long seed = long.Parse(request.Overrides.Single(o => o.StartsWith("train.seed=", StringComparison.Ordinal))[11..]);
            bool mask = request.Overrides.Contains("pesq.failures=mask");
            FakeRuns.Write(request.RunDir, seed, [new FakeRuns.Epoch(2.0, mask ? 0 : 4), new FakeRuns.Epoch(2.1, mask ? 0 : 3)],
                pesqFailures: mask ? "mask" : "skip-batch");
        }
    }

    [Fact]
    public void The_quick_demo_builds_its_corpus_runs_skip_batch_against_mask_from_scratch_and_writes_the_report()
    {
        var trainer = new Trainer();
        var options = DemoOptions.Quick with
        {
            OutDir = _root,
            Parallel = 1,
            Corpus = new DemoOptions().Corpus with { TrainSpeakers = 2, TrainClipsPerSpeaker = 2, TestSpeakers = 1, TestClipsPerSpeaker = 2 },
        };
        var result = DemoRunner.Run(options, TextWriter.Null, trainer);

        Assert.Equal(Path.Combine(_root, "data"), result.DataDir);
        Assert.Equal(6, result.Corpus.Clips.Count);
        Assert.Equal(["baseline/seed-1", "mask/seed-1", "baseline/seed-2", "mask/seed-2"], trainer.Calls.Select(c => c.RunName));
        Assert.All(trainer.Calls, c => Assert.Equal("demo", c.Preset));
        Assert.Contains("pesq.failures=skip-batch", trainer.Calls[0].Overrides);
        Assert.Contains("pesq.failures=mask", trainer.Calls[1].Overrides);
        Assert.Contains("train.seed=2", trainer.Calls[3].Overrides);
        Assert.All(trainer.Calls, c => Assert.DoesNotContain(c.Overrides, o => o.StartsWith("model.init", StringComparison.Ordinal)));
        Assert.Null(result.Pretrain);
        Assert.False(Directory.Exists(Path.Combine(_root, DemoRunner.PretrainFolder)));
        Assert.True(File.Exists(result.Experiment!.Report!.HtmlPath));

        // Run again: the corpus is reused and both runs are finished, so nothing trains.
        var again = new Trainer();
        DemoRunner.Run(options, TextWriter.Null, again);
        Assert.Empty(again.Calls);
    }

    [Fact]
    public void The_demo_settings_resolve_to_the_tiny_model_with_one_second_crops()
    {
        var config = Perceptor.Training.Config.ConfigLoader.Load(new DemoOptions().Preset, null, []);
        Assert.Equal("tiny", config.Model.Preset);
        Assert.Equal(1.0, config.Train.CropSeconds);
    }

    [Fact]
    public void The_collapse_demo_fine_tunes_one_pair_at_batch_one_with_equal_steps_in_every_arm()
    {
        var options = DemoOptions.Collapse;
        var arms = ExperimentPlanner.ParseArms(options.Arms, options.Preset, null, options.Settings);
        var configs = arms.ToDictionary(a => a.Name, a => Perceptor.Training.Config.ConfigLoader.Load(options.Preset, null,
            [.. Perceptor.Experiments.Arms.ArmParser.ReferenceSettings, .. options.Settings, .. a.Settings]));

        Assert.Equal(["baseline", "train-files=all", "mask", "disc-lr=gen"], configs.Keys);
        Assert.Equal(1, configs["baseline"].Data.TrainFiles);
        Assert.Equal(0, configs["train-files=all"].Data.TrainFiles); // every training pair
        Assert.All(configs.Values, c => Assert.Equal(1, c.Train.BatchSize));
        Assert.All(configs.Values, c => Assert.Equal(1, c.Train.MaxBatches)); // one step per epoch in every arm, whatever its data
        Assert.All(configs.Values, c => Assert.True(c.Optim.LrStepEpochs >= options.Epochs)); // no learning-rate step within a run
        Assert.Equal(configs["disc-lr=gen"].Optim.GenLr, configs["disc-lr=gen"].Optim.DiscLr);
        Assert.Equal(Perceptor.Training.Config.PesqFailurePolicy.Mask, configs["mask"].Pesq.Failures);
        Assert.Equal(Perceptor.Training.Config.PesqFailurePolicy.SkipBatch, configs["baseline"].Pesq.Failures);
        // A confirmed collapse ends a run; one that never collapses trains every step. last.ckpt is written where
        // the runs are evaluated, not after each one-step epoch.
        Assert.All(configs.Values, c => Assert.True(c.Collapse.EarlyStop));
        Assert.All(configs.Values, c => Assert.Equal(c.Eval.Every, c.Checkpoint.EveryEpochs));

        var pretrain = Perceptor.Training.Config.ConfigLoader.Load(options.Preset, null, [.. Perceptor.Experiments.Arms.ArmParser.ReferenceSettings, .. options.PretrainSettings]);
        Assert.Equal(0, pretrain.Data.TrainFiles);
        Assert.True(pretrain.Optim.LrStepEpochs >= options.PretrainEpochs);
    }

    [Fact]
    public void Noisy_pesq_of_the_synthetic_corpus_spreads_over_a_useful_range_and_full_files_always_score()
    {
        // One clip per (noise type, SNR): 6 x 5 pairs, scored with the native wideband PESQ.
        var options = new SyntheticCorpusOptions { Seed = 9, TrainSpeakers = 1, TrainClipsPerSpeaker = 30, TestSpeakers = 1, TestClipsPerSpeaker = 1 };
        var manifest = SyntheticCorpus.Generate(_root, options);
        var train = manifest.Clips.Where(c => c.Split == "train").ToList();
        var pairs = train.Select(c => new PesqPair(
            WavFile.Read(Path.Combine(_root, "train", "clean", c.Name)).Samples,
            WavFile.Read(Path.Combine(_root, "train", "noisy", c.Name)).Samples, 16000)).ToList();
        var scores = PesqScorer.ScoreBatch(pairs, PesqMode.Wideband);

        Assert.All(scores, s => Assert.True(s.IsSuccess, s.ToString()));
        Assert.True(scores.Min(s => s.Score) < 1.3, $"lowest noisy PESQ {scores.Min(s => s.Score):0.00}");
        Assert.True(scores.Max(s => s.Score) > 2.5, $"highest noisy PESQ {scores.Max(s => s.Score):0.00}");
        double low = train.Zip(scores).Where(x => x.First.SnrDb == 0).Average(x => x.Second.Score);
        double high = train.Zip(scores).Where(x => x.First.SnrDb == 20).Average(x => x.Second.Score);
        Assert.True(high > low + 0.7, $"mean PESQ at 0 dB {low:0.00}, at 20 dB {high:0.00}");
    }
}
