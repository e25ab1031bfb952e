using Perceptor.Models;
using Perceptor.Training.Config;
using Perceptor.Training.Data;
using static TorchSharp.torch;

namespace Perceptor.Training.Tests.Fakes;

/// <summary>Small configurations and hooks for trainer tests: fake networks, fake PESQ, in-memory data.</summary>
internal static class TestRuns
{
    public static TrainingConfig Config(params string[] overrides) => ConfigLoader.Load(null, null,
    [
        "train.epochs=2", "train.batchSize=2", "train.cropSeconds=0.5", "train.maxBatches=3", "train.seed=7",
        "eval.maxFiles=3", "probe.calibrationClips=2", "probe.gradBalanceEvery=2", "log.discStatsEvery=2",
        .. overrides,
    ]);

    public static TrainingModels Models(ModelPreset preset, Device device) =>
        new(preset, new FakeGenerator(), new FakeDiscriminator(), new FakeSpectralPath(device), device);

    public static TrainerHooks Hooks(IReadOnlyList<ClipPair>? train = null, IReadOnlyList<ClipPair>? eval = null) => new()
    {
        CreateModels = Models,
        CreateScorer = _ => FakePesq.Score,
        LoadData = (_, _, _) => (TrainingSet.FromMemory(train ?? Synth.Pairs(8, 1.0, 1)), EvalSet.FromMemory(eval ?? Synth.Pairs(3, 0.9, 100))),
    };

    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "perceptor-training-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
