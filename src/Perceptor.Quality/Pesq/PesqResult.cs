namespace Perceptor.Quality.Pesq;

/// <summary>The outcome of scoring one pair: a MOS-LQO score, or the reason there is none.</summary>
public readonly record struct PesqResult
{
    private PesqResult(double score, PesqFailure failure)
    {
        Score = score;
        Failure = failure;
    }

    /// <summary>The MOS-LQO score; NaN when <see cref="Failure"/> is set.</summary>
    public double Score { get; }

    /// <summary><see cref="PesqFailure.None"/> on success.</summary>
    public PesqFailure Failure { get; }

    /// <summary>True when <see cref="Score"/> holds a score.</summary>
    public bool IsSuccess => Failure == PesqFailure.None;

    /// <summary>A successful result.</summary>
    public static PesqResult Success(double score) => new(score, PesqFailure.None);

    /// <summary>A failed result.</summary>
    public static PesqResult Failed(PesqFailure failure) =>
        failure == PesqFailure.None ? throw new ArgumentException("a failure needs a reason", nameof(failure)) : new(double.NaN, failure);

    /// <summary>The failure kind as written in logs and CSVs: too_short, no_utterances, invalid_fs, silent_degraded, non_finite.</summary>
    public static string KindName(PesqFailure failure) => failure switch
    {
        PesqFailure.None => "",
        PesqFailure.TooShort => "too_short",
        PesqFailure.NoUtterances => "no_utterances",
        PesqFailure.InvalidSampleRate => "invalid_fs",
        PesqFailure.SilentDegraded => "silent_degraded",
        PesqFailure.NonFinite => "non_finite",
        _ => failure.ToString(),
    };

    /// <inheritdoc />
    public override string ToString() => IsSuccess ? Score.ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture) : KindName(Failure);
}
