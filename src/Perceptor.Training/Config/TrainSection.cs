using System.ComponentModel;

namespace Perceptor.Training.Config;

/// <summary>Length of training, batches and crops (CMGAN: 120 epochs, batches of 4 random 2 s crops).</summary>
public sealed record TrainSection
{
    /// <summary>Epochs (reference 120; the authors report ~80 are enough).</summary>
    [Description("epochs to train (reference 120)")]
    public int Epochs { get; init; } = 120;

    /// <summary>Clips per batch (reference 4).</summary>
    [Description("clips per batch (reference 4)")]
    public int BatchSize { get; init; } = 4;

    /// <summary>Crop length in seconds (reference 2 s = 32 000 samples); rounded down to a multiple of the 100-sample hop.</summary>
    [Description("training crop length in seconds (reference 2)")]
    public double CropSeconds { get; init; } = 2.0;

    /// <summary>Seed of the weights, the per-epoch reshuffle, the crop offsets and dropout.</summary>
    [Description("seed of weights, data order, crops and dropout")]
    public long Seed { get; init; } = 42;

    /// <summary>Cap on batches per epoch (0: the whole training set, last partial batch dropped as the reference).</summary>
    [Description("cap on batches per epoch (0: all)")]
    public int MaxBatches { get; init; }

    /// <summary>Consecutive non-finite steps that stop the run (the last good checkpoint stays).</summary>
    [Description("consecutive non-finite steps that stop the run")]
    public int NonfiniteLimit { get; init; } = 5;
}
