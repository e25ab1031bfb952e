using Perceptor.Models;
using Perceptor.Training.Networks;
using Perceptor.Training.Run;
using Perceptor.Training.Step;
using Perceptor.Training.Config;
using Perceptor.Training.Data;
using static TorchSharp.torch;

namespace Perceptor.Training.Tests.Fakes;

/// <summary>Small configurations and hooks for trainer tests: fake networks, fake PESQ, in-memory data.</summary>
internal static class TestRuns
{
    public static TrainingConfig Config(params string[] overrides) => ConfigLoader.Load("tiny", null,
    [
        "train.epochs=2", "train.batchSize=2", "train.cropSeconds=0.5", "train.maxBatches=3", "train.seed=7",
        "eval.maxFiles=2", "probe.calibrationClips=2", "probe.gradBalanceEvery=2", "log.discStatsEvery=2",
        .. overrides,
    ]);

    /// <summary>The delivered networks and front end at the configured (tiny) size.</summary>
    public static TrainingModels Models(ModelPreset preset, Device device) => TrainingModels.Create(preset, device);

    /// <summary>Few-parameter stand-ins without dropout or spectral norm, for tests that recompute a loss exactly.</summary>
    public static TrainingModels FakeModels(ModelPreset preset, Device device) =>
        new(preset, new FakeGenerator(), new FakeDiscriminator(), new FakeSpectralPath(device), device);

    /// <summary>The delivered discriminator and front end around a generator that emits NaN.</summary>
    public static TrainingModels NaNModels(ModelPreset preset, Device device) =>
        new(preset, new FakeGenerator { EmitNaN = true }, new MetricDiscriminator(preset.Discriminator), new FrontEndSpectralPath(new SpectralFrontEnd(device)), device);

    /// <summary>Hooks with in-memory data and the fake scorer; stand-in networks unless <paramref name="delivered"/>.</summary>
    public static TrainingHooks Hooks(IReadOnlyList<ClipPair>? train = null, IReadOnlyList<ClipPair>? eval = null, bool delivered = false) => new()
    {
        CreateModels = delivered ? Models : FakeModels,
        CreateScorer = PesqBatchScorers.Wideband,
        LoadData = (_, _, _) => (TrainingSet.FromMemory(train ?? Speech.Pairs(8, 0.8)), EvalSet.FromMemory(eval ?? Speech.Pairs(2, 1.0, first: 8))),
    };

    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "perceptor-training-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
