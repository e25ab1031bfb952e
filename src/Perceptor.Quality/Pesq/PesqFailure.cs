namespace Perceptor.Quality.Pesq;

/// <summary>Why a pair could not be scored. Values, not exceptions: batch scoring returns them per pair.</summary>
public enum PesqFailure
{
    /// <summary>No failure: the result holds a score.</summary>
    None = 0,

    /// <summary>The reference or the degraded signal has fewer than fs/4 samples.</summary>
    TooShort,

    /// <summary>No utterance was found in the reference signal (silence, or too little speech).</summary>
    NoUtterances,

    /// <summary>The sample rate is not 8000 or 16000 Hz, or wideband was asked for at 8000 Hz.</summary>
    InvalidSampleRate,

    /// <summary>The degraded signal has no energy (all zeros): its level cannot be aligned.</summary>
    SilentDegraded,

    /// <summary>An input contains NaN or infinite samples.</summary>
    NonFinite,
}
