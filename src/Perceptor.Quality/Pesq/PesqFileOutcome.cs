namespace Perceptor.Quality.Pesq;

/// <summary>
/// The outcome of scoring one pair of files: the MOS-LQO, or an error: a failure kind (<c>too_short</c>,
/// <c>no_utterances</c>, <c>invalid_fs</c>, <c>silent_degraded</c>, <c>non_finite</c>), <c>rate_mismatch: ...</c>
/// or <c>unreadable: ...</c> naming the file.
/// </summary>
public sealed record PesqFileOutcome(string Id, double? Score, string? Error)
{
    /// <summary>True when <see cref="Score"/> holds a score.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>The error's kind (the text before any ':'), or null on success.</summary>
    public string? ErrorKind => Error is null ? null : Error.Split(':', 2)[0].Trim();
}
