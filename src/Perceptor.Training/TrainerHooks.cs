using Perceptor.Models;
using Perceptor.Training.Config;
using Perceptor.Training.Data;
using Perceptor.Training.Probes;
using static TorchSharp.torch;

namespace Perceptor.Training;

/// <summary>Seams for tests: models, scorer, data and collapse rule. The defaults are what users get.</summary>
internal sealed record TrainerHooks
{
    public static TrainerHooks Default { get; } = new();

    public Func<ModelPreset, Device, TrainingModels> CreateModels { get; init; } = TrainingModels.Create;

    public Func<int, PesqBatchScorer> CreateScorer { get; init; } = PesqBatchScorers.Wideband;

    /// <summary>Loads (train, eval) data; null reads the data folder.</summary>
    public Func<TrainingConfig, string, ITrainingListener?, (TrainingSet Train, EvalSet Eval)>? LoadData { get; init; }

    public ICollapseRule CollapseRule { get; init; } = new SharedCollapseRule();
}
