namespace Perceptor.Diagnostics.Runs;

/// <summary>Whether eval numbers of different epochs measure the model on the same material.</summary>
public enum EvalComparability
{
    /// <summary>Deterministic evaluation (full utterances or fixed crops): epochs are comparable.</summary>
    Comparable,

    /// <summary>Evaluation on material that changes between epochs (e.g. random crops).</summary>
    NotComparable,

    /// <summary>The log does not say how evaluation was done.</summary>
    Unknown,
}
