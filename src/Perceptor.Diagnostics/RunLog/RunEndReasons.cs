namespace Perceptor.Diagnostics.RunLog;

/// <summary>The recorded name of a <see cref="RunEndReason"/>, for text meant for people.</summary>
public static class RunEndReasons
{
    /// <summary>The name <c>metrics.jsonl</c> records (<c>completed</c>, <c>early_stop</c>, <c>nonfinite</c>, <c>interrupted</c>).</summary>
    public static string Name(this RunEndReason reason) => reason switch
    {
        RunEndReason.Completed => "completed",
        RunEndReason.EarlyStop => "early_stop",
        RunEndReason.Nonfinite => "nonfinite",
        RunEndReason.Interrupted => "interrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "unknown run end"),
    };
}
