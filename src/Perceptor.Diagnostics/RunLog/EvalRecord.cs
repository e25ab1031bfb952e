namespace Perceptor.Diagnostics.RunLog;

/// <summary>Deterministic evaluation after an epoch.</summary>
public sealed record EvalRecord : RunRecord
{
    public int Epoch { get; init; }
    public long Step { get; init; }

    /// <summary><c>full-utterance</c> or <c>fixed-crops</c>.</summary>
    public required string Method { get; init; }
    public int Files { get; init; }
    public double? Pesq { get; init; }
    public int PesqFailed { get; init; }
    public double? Loss { get; init; }
    public double? NoisyPesq { get; init; }
}
