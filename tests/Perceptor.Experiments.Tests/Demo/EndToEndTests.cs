using Perceptor.Audio.Synthesis;
using Perceptor.Experiments.Reporting;
using Perceptor.Experiments.Running;

namespace Perceptor.Experiments.Tests.Demo;

/// <summary>
/// The one test that really trains: 2 arms x 1 epoch of the tiny model on a handful of short synthetic clips, through
/// the same session the CLI uses, then the report. Everything else is tested with a fake trainer.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class EndToEndTests : IDisposable
{
    private readonly string _root = FakeRuns.TempDir("e2e");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_tiny_experiment_trains_both_arms_on_the_same_data_and_writes_the_comparison_report()
    {
        string data = Path.Combine(_root, "data");
        SyntheticCorpus.Generate(data, new SyntheticCorpusOptions
        {
            Seed = 5,
            TrainSpeakers = 2,
            TrainClipsPerSpeaker = 4,
            TestSpeakers = 1,
            TestClipsPerSpeaker = 2,
            Layout = new UtteranceLayout { SpeechSeconds = (0.6, 0.9), LeadingSilenceSeconds = (0.1, 0.4), TrailingSilenceSeconds = (0.1, 0.4), LongGapSeconds = (0.5, 0.8) },
        });
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

    private static double FirstLoss(string runDir)
    {
        var step = Perceptor.Diagnostics.RunLog.RunLogReader.Read(Path.Combine(runDir, "metrics.jsonl"))
            .OfType<Perceptor.Diagnostics.RunLog.StepRecord>().First();
        return step.Loss.Total;
    }
}
