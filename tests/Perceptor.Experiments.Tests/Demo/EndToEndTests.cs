using Perceptor.Audio.Synthesis;
using Perceptor.Experiments.Demo;
using Perceptor.Experiments.Reporting;
using Perceptor.Experiments.Running;

namespace Perceptor.Experiments.Tests.Demo;

/// <summary>
/// The tests that really train: the tiny model for an epoch or two on a handful of short synthetic clips, through the
/// same session (and, for the collapse demo, the same runner) the CLI uses, then the report. Everything else is tested
/// with a fake trainer.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class EndToEndTests : IDisposable
{
    private readonly string _root = FakeRuns.TempDir("e2e");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static readonly SyntheticCorpusOptions SmallCorpus = new()
    {
        Seed = 5,
        TrainSpeakers = 2,
        TrainClipsPerSpeaker = 4,
        TestSpeakers = 1,
        TestClipsPerSpeaker = 2,
        Layout = new UtteranceLayout { SpeechSeconds = (0.6, 0.9), LeadingSilenceSeconds = (0.1, 0.4), TrailingSilenceSeconds = (0.1, 0.4), LongGapSeconds = (0.5, 0.8) },
    };

    private static readonly string[] Short = ["eval.every=1", "eval.maxFiles=1", "probe.calibrationClips=1", "log.tensorBoard=false"];

    [Fact]
    public void A_tiny_experiment_trains_both_arms_on_the_same_data_and_writes_the_comparison_report()
    {
        string data = Path.Combine(_root, "data");
        SyntheticCorpus.Generate(data, SmallCorpus);
        string output = Path.Combine(_root, "exp");
        var log = new StringWriter();

        var result = ExperimentSession.Run(new ExperimentRequest
        {
            DataDir = data,
            OutDir = output,
            Arms = ["baseline,mask"],
            Seeds = [1],
            Epochs = 1,
            Preset = "demo",
            CommonSettings = ["train.maxBatches=2", "eval.maxFiles=1", "probe.calibrationClips=1", "log.tensorBoard=false"],
        }, log);

        Assert.True(result.Outcome!.AllFinished, log.ToString());
        foreach (string arm in new[] { "baseline", "mask" })
        {
            var state = RunFolderState.Inspect(Path.Combine(output, arm, "seed-1"));
            Assert.Equal(RunProgress.Completed, state.Progress);
            Assert.Equal(1, state.EpochsLogged);
        }

        // Same seed, same data: the first batch of both arms is the same batch, so the first logged loss is identical.
        Assert.Equal(FirstLoss(Path.Combine(output, "baseline", "seed-1")), FirstLoss(Path.Combine(output, "mask", "seed-1")));

        var report = result.Report!;
        Assert.True(report.IsExperiment);
        Assert.True(File.Exists(report.HtmlPath));
        string html = File.ReadAllText(report.HtmlPath);
        Assert.Contains("Verdicts", html);
        Assert.Contains("data:image/png;base64,", html);
        Assert.DoesNotContain("src=\"http", html);
        Assert.True(new FileInfo(Path.Combine(output, "report", "eval-pesq.png")).Length > 1000);
        Assert.Contains("baseline", report.Summary);
        Assert.Contains("one seed", report.Summary);
    }

    [Fact]
    public void The_collapse_demo_pretrains_once_and_starts_every_arm_from_that_checkpoint_and_a_rerun_trains_nothing()
    {
        var options = DemoOptions.Collapse with
        {
            OutDir = _root,
            Corpus = SmallCorpus,
            PretrainEpochs = 1,
            PretrainSettings = ["train.batchSize=1", "train.maxBatches=2", .. Short],
            Arms = ["baseline", "train-files=all"],
            Seeds = [1],
            Epochs = 2,
            Settings = [.. DemoOptions.Collapse.Settings, .. Short],
            Parallel = 1,
        };
        var log = new StringWriter();
        var trainer = new CountingTrainer(new InProcessTrainer(log));

        var result = DemoRunner.Run(options, log, trainer);

        string pretrainRun = Path.Combine(_root, DemoRunner.PretrainFolder, "baseline", "seed-1");
        Assert.True(result.Pretrain!.Outcome!.AllFinished, log.ToString());
        Assert.Equal(RunProgress.Completed, RunFolderState.Inspect(pretrainRun).Progress);
        Assert.True(result.Experiment!.Outcome!.AllFinished, log.ToString());
        Assert.Equal(["baseline/seed-1", "baseline/seed-1", "train-files=all/seed-1"], trainer.Runs);

        // Both arms start from the pretrained run's best checkpoint, both networks, checked and hashed once.
        string best = Path.Combine(pretrainRun, "checkpoints", "best.ckpt");
        string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(best)));
        Assert.Equal(2, result.Experiment.Plan.InitialWeights.Count);
        Assert.All(result.Experiment.Plan.InitialWeights, w => Assert.Equal((best, sha), (w.Path, w.Sha256)));
        foreach (string arm in new[] { "baseline", "train-files=all" })
        {
            string config = File.ReadAllText(Path.Combine(_root, arm, "seed-1", "config.json"));
            Assert.Contains(System.Text.Json.JsonSerializer.Serialize(best), config);
        }

        // The pretraining saw every training pair; the baseline one, the train-files=all arm all of them.
        Assert.Contains("8 usable training pairs", Section(log.ToString(), "[baseline/seed-1] data:", 0));
        Assert.Contains("1 usable training pairs", Section(log.ToString(), "[baseline/seed-1] data:", 1));
        Assert.Contains("8 usable training pairs", Section(log.ToString(), "[train-files=all/seed-1] data:", 0));
        Assert.True(File.Exists(result.Experiment.Report!.HtmlPath));

        // Again: the corpus, the pretrained model and both runs are there, so nothing trains.
        var again = new CountingTrainer(new InProcessTrainer(TextWriter.Null));
        var second = DemoRunner.Run(options, TextWriter.Null, again);
        Assert.Empty(again.Runs);
        Assert.True(second.Experiment!.Outcome!.AllFinished);
    }

    // The occurrence-th line with prefix that reports the usable pairs.
    private static string Section(string text, string prefix, int occurrence) =>
        text.Split('\n').Where(l => l.Contains(prefix, StringComparison.Ordinal) && l.Contains("usable", StringComparison.Ordinal)).ElementAt(occurrence);

    private sealed class CountingTrainer(IRunTrainer inner) : IRunTrainer
    {
        public List<string> Runs { get; } = [];

        public void Train(TrainRequest request, CancellationToken cancellationToken)
        {
            Runs.Add(request.RunName);
            inner.Train(request, cancellationToken);
        }
    }

    private static double FirstLoss(string runDir)
    {
        var step = Perceptor.Diagnostics.RunLog.RunLogReader.Read(Path.Combine(runDir, "metrics.jsonl"))
            .OfType<Perceptor.Diagnostics.RunLog.StepRecord>().First();
        return step.Loss.Total;
    }
}
