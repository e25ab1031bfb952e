namespace Perceptor.Diagnostics.Runs;

/// <summary>The kind of log a run was read from.</summary>
public enum LogKind
{
    /// <summary>A Perceptor run folder (its <c>metrics.jsonl</c>).</summary>
    Run,

    /// <summary>A Perceptor <c>metrics.jsonl</c> on its own.</summary>
    Jsonl,

    /// <summary>A text log of the CMGAN Python reference (or a patched copy of it).</summary>
    Text,

    /// <summary>A CSV log, one row per epoch or one row per logged step.</summary>
    Csv,
}
