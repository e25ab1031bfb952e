using System.Text.Json.Serialization;

namespace Perceptor.Diagnostics.RunLog;

/// <summary>
/// How a training process ended, as <c>run_end.reason</c> records it (written as the snake_case names below, as
/// every Perceptor run folder has recorded them). The trainer's result, the CLI's exit code and the experiment
/// runner's view of a run folder all read this one type.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunEndReason>))]
public enum RunEndReason
{
    /// <summary><c>completed</c>: every configured epoch ran.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary><c>early_stop</c>: the collapse watch stopped the run (<c>collapse.earlyStop</c>); it counts as finished.</summary>
    [JsonStringEnumMemberName("early_stop")]
    EarlyStop,

    /// <summary><c>nonfinite</c>: <c>train.nonfiniteLimit</c> non-finite steps in a row; training diverged.</summary>
    [JsonStringEnumMemberName("nonfinite")]
    Nonfinite,

    /// <summary><c>interrupted</c>: stopped on request (Ctrl+C) after writing a checkpoint; it resumes.</summary>
    [JsonStringEnumMemberName("interrupted")]
    Interrupted,
}
