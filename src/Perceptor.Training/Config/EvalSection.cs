using System.ComponentModel;

namespace Perceptor.Training.Config;

/// <summary>The deterministic per-epoch evaluation on the test split.</summary>
public sealed record EvalSection
{
    /// <summary>How evaluation is measured.</summary>
    [Description("full-utterance (reference evaluation.py) or fixed-crops")]
    public EvalMethod Method { get; init; } = EvalMethod.FullUtterance;

    /// <summary>Evaluate every N epochs (the last epoch is always evaluated).</summary>
    [Description("evaluate every N epochs (the last always)")]
    public int Every { get; init; } = 1;

    /// <summary>Cap on test files, taken in natural order (0: all).</summary>
    [Description("cap on test files, natural order (0: all)")]
    public int MaxFiles { get; init; }

    /// <summary>Longest piece the generator sees at once in full-utterance mode (reference 16 s).</summary>
    [Description("full-utterance chunk limit in seconds (reference 16)")]
    public double ChunkSeconds { get; init; } = 16.0;
}
