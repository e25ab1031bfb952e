using Perceptor.Diagnostics.RunLog;
using System.Text.Json.Nodes;
using Perceptor.Models;
using Perceptor.Training.Checkpoints;
using Perceptor.Training.Config;
using Perceptor.Training.Run;
using Perceptor.Training.Tests.Fakes;
using static TorchSharp.torch;

namespace Perceptor.Training.Tests.Checkpoints;

[Collection(TorchCollection.Name)]
public class InitialWeightsTests
{
    [Fact]
    public void Fine_tuning_starts_from_the_file_at_its_size_and_records_the_source()
    {
        string dir = TestRuns.TempDir();
        string init = Path.Combine(dir, "g.pt");
        // Another width than the configured tiny preset: the run must take the file's.
        var size = ModelPresets.Tiny.Generator with { Channels = 8, AttentionHeadDim = 8 };
        float[] start;
        random.manual_seed(99);
        using (var generator = new CmganGenerator(size))
        {
            StateDictFiles.Write(init, WeightsFormat.PyTorch, generator.state_dict());
            start = generator.parameters().SelectMany(p => p.detach().data<float>().ToArray()).ToArray();
        }

        string run = Path.Combine(dir, "run");
        var config = TestRuns.Config("train.epochs=1", "train.maxBatches=1", "eval.maxFiles=1", "model.initGenerator=" + init);
        var result = TrainingLoop.Run(new TrainingRequest { Config = config, DataDir = "memory", RunDir = run }, null, TestRuns.Hooks(delivered: true), default);
        Assert.Equal(RunEndReason.Completed, result.Reason);

        var checkpoint = CheckpointFile.Read(Path.Combine(run, "checkpoints", "last.ckpt"));
        Assert.Equal(size.Channels, checkpoint.Preset.Generator.Channels);
        using var trained = new CmganGenerator(checkpoint.Preset.Generator);
        checkpoint.LoadGenerator(trained);
        float[] after = trained.parameters().SelectMany(p => p.detach().data<float>().ToArray()).ToArray();
        Assert.Equal(start.Length, after.Length);
        double bound = 2 * config.Optim.GenLr; // one AdamW step moves a weight by about lr
        Assert.All(Enumerable.Range(0, start.Length), i => Assert.True(Math.Abs(after[i] - start[i]) <= bound, $"weight {i} moved {after[i] - start[i]}"));
        Assert.Contains(Enumerable.Range(0, start.Length), i => after[i] != start[i]);

        var recorded = ConfigLoader.FromFile(Path.Combine(run, "config.json"));
        Assert.Equal(init, recorded.Model.InitGenerator);
        var env = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "env.json")))!;
        Assert.Equal(Path.GetFullPath(init), (string?)env["initialWeights"]!["generator"]!["path"]);
        Assert.Equal(64, ((string?)env["initialWeights"]!["generator"]!["sha256"])!.Length);
        Assert.Equal("fresh", (string?)env["initialWeights"]!["discriminator"]);
    }

    [Fact]
    public void A_file_that_is_not_a_generator_stops_the_run_before_anything_is_written()
    {
        string dir = TestRuns.TempDir();
        string init = Path.Combine(dir, "other.pt");
        using (var w = randn(3, 3))
        {
            StateDictFiles.Write(init, WeightsFormat.PyTorch, [new("fc.weight", w)]);
        }

        string run = Path.Combine(dir, "run");
        var config = TestRuns.Config("train.epochs=1", "model.initGenerator=" + init);
        var e = Assert.Throws<CheckpointException>(() =>
            TrainingLoop.Run(new TrainingRequest { Config = config, DataDir = "memory", RunDir = run }, null, TestRuns.Hooks(delivered: true), default));
        Assert.Contains("dense_encoder.conv_1.0.weight", e.Message);
        Assert.False(File.Exists(Path.Combine(run, "checkpoints", "last.ckpt")));
    }
}
