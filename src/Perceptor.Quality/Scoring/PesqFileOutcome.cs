using Perceptor.Quality.Pesq;

namespace Perceptor.Quality.Scoring;

/// <summary>
/// The outcome of scoring one pair of files: the MOS-LQO in <see cref="Mode"/>, or why there is none
/// (<see cref="Failure"/>, with a <see cref="Detail"/> naming the file for the failures that have one).
/// </summary>
/// <param name="Id">The case id or file name.</param>
/// <param name="Score">The MOS-LQO; null on failure.</param>
/// <param name="Failure"><see cref="PesqFileFailure.None"/> when <paramref name="Score"/> holds a score.</param>
/// <param name="Detail">What exactly failed, naming the file (unreadable, rate mismatch); null otherwise.</param>
/// <param name="Mode">The mode scored or asked for; null when it would have followed a rate that was never read.</param>
public sealed record PesqFileOutcome(string Id, double? Score, PesqFileFailure Failure, string? Detail, PesqMode? Mode)
{
    /// <summary>A scored pair.</summary>
    public static PesqFileOutcome Scored(string id, double score, PesqMode mode) =>
        new(id, score, PesqFileFailure.None, null, mode);

    /// <summary>A pair that failed with <paramref name="failure"/>.</summary>
    public static PesqFileOutcome Failed(string id, PesqFileFailure failure, string? detail = null, PesqMode? mode = null) =>
        failure == PesqFileFailure.None
            ? throw new ArgumentException("a failure needs a reason", nameof(failure))
            : new(id, null, failure, detail, mode);

    /// <summary>True when <see cref="Score"/> holds a score.</summary>
    public bool IsSuccess => Failure == PesqFileFailure.None;

    /// <summary>
    /// The error as written in the results CSV: the failure's name, then <c>": "</c> and the detail when there is
    /// one (<c>unreadable: x.wav: file not found</c>); null on success.
    /// </summary>
    public string? Error => IsSuccess
        ? null
        : Detail is null ? PesqFileFailures.Name(Failure) : PesqFileFailures.Name(Failure) + ": " + Detail;
}
