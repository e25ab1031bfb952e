namespace Perceptor.Diagnostics.RunLog;

/// <summary>Deterministic evaluation after an epoch.</summary>
public sealed record EvalRecord : RunRecord
{
    /// <summary>Epoch, 1-based.</summary>
    public int Epoch { get; init; }

    /// <summary>Global step at the evaluation.</summary>
    public long Step { get; init; }

    /// <summary><c>full-utterance</c> or <c>fixed-crops</c>.</summary>
    public required string Method { get; init; }

    /// <summary>Files (or crops) evaluated.</summary>
    public int Files { get; init; }

    /// <summary>Mean WB-PESQ of enhanced vs clean at the true level over the files that scored; null when none did.</summary>
    public double? Pesq { get; init; }

    /// <summary>Files PESQ could not score.</summary>
    public int PesqFailed { get; init; }

    /// <summary>Weighted RI + magnitude + time loss without the GAN term, averaged over files; null without files.</summary>
    public double? Loss { get; init; }

    /// <summary>Mean WB-PESQ of noisy vs clean on the same files; scored on the first evaluation of a process only, else null.</summary>
    public double? NoisyPesq { get; init; }
}
