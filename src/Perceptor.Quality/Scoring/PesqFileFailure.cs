namespace Perceptor.Quality.Scoring;

/// <summary>
/// Why a pair of files has no score: the file front end's own failures (a file cannot be read, the two rates
/// differ) and the standard's (<see cref="Pesq.PesqFailure"/>). Written in CSV and JSON under the names of
/// <see cref="PesqFileFailures.Name"/>.
/// </summary>
public enum PesqFileFailure
{
    /// <summary>No failure: the outcome holds a score.</summary>
    None = 0,

    /// <summary>A file is missing or is not a WAV file this library reads (<c>unreadable</c>).</summary>
    Unreadable,

    /// <summary>The two files have different sample rates and no rate was given (<c>rate_mismatch</c>).</summary>
    RateMismatch,

    /// <summary>A signal is shorter than a quarter second (<c>too_short</c>).</summary>
    TooShort,

    /// <summary>No speech was found in the reference (<c>no_utterances</c>).</summary>
    NoUtterances,

    /// <summary>The rate is not 8000 or 16000 Hz, or wideband was asked for at 8000 Hz (<c>invalid_fs</c>).</summary>
    InvalidSampleRate,

    /// <summary>The degraded signal has no energy (<c>silent_degraded</c>).</summary>
    SilentDegraded,

    /// <summary>A signal holds NaN or infinite samples (<c>non_finite</c>).</summary>
    NonFinite,
}
