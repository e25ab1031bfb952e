using System.Text.Json.Serialization;

namespace Perceptor.Training.Config;

/// <summary>
/// Everything a training run is configured by. Defaults are the CMGAN reference's (its loss weights, optimiser and schedule);
/// keys are the dotted camelCase paths of these properties (<c>train.batchSize</c>, <c>loss.ganWeight</c>, ...).
/// Load with <see cref="ConfigLoader"/>, which also validates.
/// </summary>
public sealed record TrainingConfig
{
    /// <summary>Model size.</summary>
    public ModelSection Model { get; init; } = new();

    /// <summary>Training-data options.</summary>
    public DataSection Data { get; init; } = new();

    /// <summary>Epochs, batches, crops, seed.</summary>
    public TrainSection Train { get; init; } = new();

    /// <summary>Generator loss weights.</summary>
    public LossSection Loss { get; init; } = new();

    /// <summary>Optimisers and schedules.</summary>
    public OptimSection Optim { get; init; } = new();

    /// <summary>PESQ targets and their failure policy.</summary>
    public PesqSection Pesq { get; init; } = new();

    /// <summary>Per-epoch evaluation.</summary>
    public EvalSection Eval { get; init; } = new();

    /// <summary>Logging cadence.</summary>
    public LogSection Log { get; init; } = new();

    /// <summary>Diagnostic probes.</summary>
    public ProbeSection Probe { get; init; } = new();

    /// <summary>Collapse watch.</summary>
    public CollapseSection Collapse { get; init; } = new();

    /// <summary>Checkpoint cadence.</summary>
    public CheckpointSection Checkpoint { get; init; } = new();

    /// <summary>Device and threads.</summary>
    public RuntimeSection Runtime { get; init; } = new();

    /// <summary>Crop length in samples at 16 kHz, rounded down to a multiple of the 100-sample STFT hop.</summary>
    [JsonIgnore]
    public int CropSamples => (int)Math.Floor(Train.CropSeconds * 16000.0 / 100.0 + 1e-9) * 100;
}
