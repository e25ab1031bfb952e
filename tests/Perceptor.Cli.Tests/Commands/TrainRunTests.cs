using Perceptor.Audio.Synthesis;

namespace Perceptor.Cli.Tests.Commands;

/// <summary><c>perceptor train</c> really training (two batches of the tiny model) with its writers captured.</summary>
[Collection(TorchCollection.Name)]
public sealed class TrainRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perceptor-cli-trainrun-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Progress_epoch_lines_and_the_run_folder_go_to_the_output_writer()
    {
        string data = Path.Combine(_dir, "data");
        SyntheticCorpus.Generate(data, new SyntheticCorpusOptions
        {
            Seed = 3,
            TrainSpeakers = 1,
            TrainClipsPerSpeaker = 4,
            TestSpeakers = 1,
            TestClipsPerSpeaker = 1,
            Layout = new UtteranceLayout { SpeechSeconds = (0.6, 0.9), LeadingSilenceSeconds = (0.1, 0.3), TrailingSilenceSeconds = (0.1, 0.3), LongGapSeconds = (0.5, 0.8) },
        });
        string run = Path.Combine(_dir, "run");

        var (code, output, err) = CapturedRun.Of("train", "--data", data, "--run", run, "--preset", "demo",
            "--set", "train.epochs=1", "--set", "train.batchSize=2", "--set", "train.maxBatches=2", "--set", "eval.maxFiles=1",
            "--set", "probe.calibrationClips=1", "--set", "log.tensorBoard=false");

        Assert.True(code == 0, err);
        string[] lines = output.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("data: 4 training pairs", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("starting ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("epoch 1/1 batch 2/2 | ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("epoch 1/1: loss ", StringComparison.Ordinal));
        Assert.Equal($"run folder: {run}", lines[^1]);
        Assert.True(File.Exists(Path.Combine(run, "metrics.jsonl")));
    }
}
