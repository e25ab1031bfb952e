using Perceptor.Diagnostics.RunLog;

namespace Perceptor.Diagnostics.Runs;

/// <summary>Training settings a log reveals (null where it does not).</summary>
public sealed record RunSettings
{
    /// <summary>Initial generator learning rate.</summary>
    public double? GenLr { get; init; }

    /// <summary>Initial discriminator learning rate.</summary>
    public double? DiscLr { get; init; }

    /// <summary>Loss weights [RI, Mag, Time, GAN].</summary>
    public TermValues? LossWeights { get; init; }

    /// <summary>Clips per batch.</summary>
    public int? BatchSize { get; init; }

    /// <summary>What happens to a batch with a failed PESQ clip (<c>skip-batch</c>, <c>batch-mean</c>, <c>mask</c>).</summary>
    public string? PesqFailurePolicy { get; init; }

    /// <summary>How eval is done (<c>full-utterance</c>, <c>fixed-crops</c>).</summary>
    public string? EvalMethod { get; init; }

    /// <summary>Training crop length in seconds.</summary>
    public double? CropSeconds { get; init; }

    /// <summary>Steps between two logged steps (1 = every step), where it can be told.</summary>
    public int? StepLogInterval { get; init; }
}
