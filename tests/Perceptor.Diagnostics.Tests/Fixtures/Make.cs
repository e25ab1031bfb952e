using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Tests.Fixtures;

/// <summary>Hand-made run models for detector tests.</summary>
internal static class Make
{
    public static RunSource Source(LogKind kind = LogKind.Csv, SkipEvidence skips = SkipEvidence.None,
        EvalComparability eval = EvalComparability.Unknown) => new()
    {
        Path = "hand-made",
        Kind = kind,
        Description = "hand-made run",
        SkipEvidence = skips,
        EvalComparability = eval,
        EvalComparabilityReason = eval == EvalComparability.Comparable ? "full-utterance eval" : "not recorded",
    };

    /// <summary>A run with eval PESQ per epoch, and train / eval loss from functions of the epoch.</summary>
    public static RunData Epochs(double[] pesq, Func<int, double?>? train = null, Func<int, double?>? eval = null,
        Func<int, double?>? disc = null, RunSource? source = null) => new()
    {
        Source = source ?? Source(),
        Epochs = pesq.Select((p, e) => new EpochPoint
        {
            Epoch = e,
            EvalPesq = double.IsNaN(p) ? null : p,
            TrainLoss = train is null ? 0.3 - (0.01 * e) : train(e),
            EvalLoss = eval?.Invoke(e),
            TrainDiscLoss = disc?.Invoke(e),
        }).ToList(),
    };
}
