namespace Perceptor.Diagnostics.Findings;

/// <summary>The stable ids of findings (used in JSON output, tests and the experiment report).</summary>
public static class FindingIds
{
    /// <summary>Eval PESQ fell well below its peak and stayed there while the training loss kept falling.</summary>
    public const string PesqCollapse = "pesq-collapse";

    /// <summary>The last evaluated epochs fell well below the peak, but too few of them for the collapse rule yet.</summary>
    public const string CollapsePending = "collapse-pending";

    /// <summary>The checkpoints were rescored on full utterances: whether the log's collapse is real, and the epoch to keep.</summary>
    public const string Rescored = "rescored";

    /// <summary>A large share of discriminator steps were skipped.</summary>
    public const string DiscSkipping = "disc-skipping";

    /// <summary>Many discriminator steps have a tiny (non-zero) loss.</summary>
    public const string DiscSaturated = "disc-saturated";

    /// <summary>The discriminator's predictions no longer track the real PESQ.</summary>
    public const string DiscMiscalibrated = "disc-miscalibrated";

    /// <summary>The GAN term contributes little of the generator's gradient.</summary>
    public const string GanSignalWeak = "gan-signal-weak";

    /// <summary>Eval numbers of different epochs may not be comparable.</summary>
    public const string EvalNotComparable = "eval-not-comparable";

    /// <summary>The log cannot separate skipped discriminator steps from saturated ones.</summary>
    public const string SkipRateUnknown = "skip-rate-unknown";

    /// <summary>Training loss falls while eval loss rises.</summary>
    public const string Overfitting = "overfitting";

    /// <summary>The discriminator / generator learning-rate ratio.</summary>
    public const string LrRatio = "lr-ratio";
}
