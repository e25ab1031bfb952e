using Perceptor.Diagnostics.RunLog;

namespace Perceptor.Diagnostics.Detectors;

/// <summary>Thresholds of the detectors, and facts a foreign log may lack that the user can supply.</summary>
public sealed record DiagnosisOptions
{
    /// <summary>The collapse rule's thresholds.</summary>
    public CollapseOptions Collapse { get; init; } = new();

    /// <summary>Skip rate from which skipping is a warning (below 10 % the discriminator still trains on nearly every batch). Default 0.10.</summary>
    public double SkipWarning { get; init; } = 0.10;

    /// <summary>Skip rate above which skipping is critical (above 30 % the discriminator misses so many batches that it
    /// falls behind the generator; exactly 30 % is still a warning). Default 0.30.</summary>
    public double SkipCritical { get; init; } = 0.30;

    /// <summary>A discriminator step with a loss below this is saturated. Default <see cref="DiscSaturation.LossThreshold"/>, as the trainer counts.</summary>
    public double SaturationLoss { get; init; } = DiscSaturation.LossThreshold;

    /// <summary>Share of saturated discriminator steps from which <c>disc-saturated</c> is reported. Default 0.25.</summary>
    public double SaturatedShare { get; init; } = 0.25;

    /// <summary>Calibration thresholds.</summary>
    public CalibrationThresholds Calibration { get; init; } = new();

    /// <summary>GAN share of the generator gradient below which its signal is weak. Default 0.05.</summary>
    public double GanShareMin { get; init; } = 0.05;

    /// <summary>GAN weight / largest weight below which the weights alone deserve a look. Default 0.1.</summary>
    public double GanWeightRatioMin { get; init; } = 0.1;

    /// <summary>Relative rise of the eval loss above its minimum that counts as overfitting. Default 0.02.</summary>
    public double OverfitRise { get; init; } = 0.02;

    /// <summary>Smallest loss a taken discriminator step can have, if known: gives a lower bound on the skip rate
    /// from epoch averages.</summary>
    public double? DiscLossFloor { get; init; }

    /// <summary>Pairs in the training set, for the batch size the step counters imply. Default VoiceBank's 11,572.</summary>
    public int TrainPairs { get; init; } = BatchEvidence.VoiceBankTrainPairs;

    /// <summary>A rescore of the run's checkpoints on full utterances, taken as the authoritative eval PESQ.</summary>
    public Rescore.RescoreSeries? Rescored { get; init; }

    /// <summary>Loss weights [RI, Mag, Time, GAN], when the log does not have them.</summary>
    public TermValues? LossWeights { get; init; }

    /// <summary>Generator learning rate, when the log does not have it.</summary>
    public double? GenLr { get; init; }

    /// <summary>Discriminator learning rate, when the log does not have it.</summary>
    public double? DiscLr { get; init; }
}
