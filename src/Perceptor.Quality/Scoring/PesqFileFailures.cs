using Perceptor.Quality.Pesq;

namespace Perceptor.Quality.Scoring;

/// <summary>The written names of <see cref="PesqFileFailure"/> and a sentence for each that tells a user what to do.</summary>
public static class PesqFileFailures
{
    /// <summary>All failures in declaration order, <see cref="PesqFileFailure.None"/> excluded.</summary>
    public static IReadOnlyList<PesqFileFailure> All { get; } =
        [.. Enum.GetValues<PesqFileFailure>().Where(f => f != PesqFileFailure.None)];

    /// <summary>
    /// The name written in CSV and JSON: <c>unreadable</c>, <c>rate_mismatch</c>, <c>too_short</c>,
    /// <c>no_utterances</c>, <c>invalid_fs</c>, <c>silent_degraded</c>, <c>non_finite</c>; empty for none.
    /// </summary>
    public static string Name(PesqFileFailure failure) => failure switch
    {
        PesqFileFailure.None => "",
        PesqFileFailure.Unreadable => "unreadable",
        PesqFileFailure.RateMismatch => "rate_mismatch",
        PesqFileFailure.TooShort => "too_short",
        PesqFileFailure.NoUtterances => "no_utterances",
        PesqFileFailure.InvalidSampleRate => "invalid_fs",
        PesqFileFailure.SilentDegraded => "silent_degraded",
        PesqFileFailure.NonFinite => "non_finite",
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "not a PESQ file failure"),
    };

    /// <summary>The file-level failure for a failure of the PESQ computation itself.</summary>
    public static PesqFileFailure From(PesqFailure failure) => failure switch
    {
        PesqFailure.None => PesqFileFailure.None,
        PesqFailure.TooShort => PesqFileFailure.TooShort,
        PesqFailure.NoUtterances => PesqFileFailure.NoUtterances,
        PesqFailure.InvalidSampleRate => PesqFileFailure.InvalidSampleRate,
        PesqFailure.SilentDegraded => PesqFileFailure.SilentDegraded,
        PesqFailure.NonFinite => PesqFileFailure.NonFinite,
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "not a PESQ failure"),
    };

    /// <summary>
    /// One line for a user: what went wrong with this pair and, where there is one, what to do about it. Failures
    /// that name a file (unreadable, rate mismatch) carry the file in their detail.
    /// </summary>
    public static string Explain(PesqFileOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Failure switch
        {
            PesqFileFailure.None => "scored",
            PesqFileFailure.Unreadable => outcome.Detail ?? "a file cannot be read",
            PesqFileFailure.RateMismatch => (outcome.Detail ?? "the two files have different sample rates") +
                "; resample one of them first (PESQ compares signals at one rate)",
            PesqFileFailure.TooShort => "a signal is shorter than a quarter second (too_short)",
            PesqFileFailure.NoUtterances => "no speech was found in the reference (no_utterances)",
            PesqFileFailure.InvalidSampleRate => "PESQ runs at 8000 or 16000 Hz, and wideband only at 16000 Hz; " +
                "resample first or use --mode nb at 8 kHz (invalid_fs)",
            PesqFileFailure.SilentDegraded => "the degraded signal is silent (silent_degraded)",
            PesqFileFailure.NonFinite => "a signal contains NaN or infinite samples (non_finite)",
            _ => Name(outcome.Failure),
        };
    }
}
