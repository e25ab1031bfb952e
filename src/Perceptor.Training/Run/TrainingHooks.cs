using Perceptor.Models;
using Perceptor.Training.Config;
using Perceptor.Training.Data;
using Perceptor.Training.Networks;
using Perceptor.Training.Probes;
using Perceptor.Training.Step;
using static TorchSharp.torch;

namespace Perceptor.Training.Run;

/// <summary>Seams for tests: models, scorer, data and collapse rule. The defaults are what users get.</summary>
internal sealed record TrainingHooks
{
    public static TrainingHooks Default { get; } = new();

    public Func<ModelPreset, Device, TrainingModels> CreateModels { get; init; } = TrainingModels.Create;

    public Func<int, PesqBatchScorer> CreateScorer { get; init; } = PesqBatchScorers.Wideband;

    /// <summary>Loads (train, eval) data; null reads the data folder.</summary>
    public Func<TrainingConfig, string, ITrainingListener?, (TrainingSet Train, EvalSet Eval)>? LoadData { get; init; }

    public ICollapseRule CollapseRule { get; init; } = new SharedCollapseRule();
}
