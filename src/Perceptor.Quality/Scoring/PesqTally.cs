using Perceptor.Quality.Pesq;

namespace Perceptor.Quality.Scoring;

/// <summary>
/// The scores of a set of pairs taken together: how many scored, the mean of those scores, and the failures by kind.
/// A pair scores when it has a finite score; a success with a non-finite score counts as a <c>non_finite</c> failure.
/// Training targets, the per-epoch evaluation and the folder summary all take their mean PESQ from here.
/// </summary>
/// <param name="Scored">Pairs with a score.</param>
/// <param name="Mean">Mean score of the pairs that scored; null when none did.</param>
/// <param name="FailuresByKind">Pairs without a score, by failure kind (ordinal order).</param>
public sealed record PesqTally(int Scored, double? Mean, IReadOnlyDictionary<string, int> FailuresByKind)
{
    /// <summary>Number of pairs without a score.</summary>
    public int Failed => FailuresByKind.Values.Sum();

    /// <summary>Whether <paramref name="result"/> counts as scored.</summary>
    public static bool IsScored(PesqResult result) => result.IsSuccess && double.IsFinite(result.Score);

    /// <summary>Tallies scorer results; a failure is named by <see cref="PesqResult.KindName"/>.</summary>
    public static PesqTally Of(IEnumerable<PesqResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Of(results.Select(r => IsScored(r)
            ? ((double?)r.Score, (string?)null)
            : (null, PesqResult.KindName(r.IsSuccess ? PesqFailure.NonFinite : r.Failure))));
    }

    /// <summary>Tallies scores given with their failure kind (used where there is no score).</summary>
    public static PesqTally Of(IEnumerable<(double? Score, string? FailureKind)> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        int scored = 0;
        double sum = 0;
        var failures = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (score, kind) in outcomes)
        {
            if (score is { } s && double.IsFinite(s))
            {
                scored++;
                sum += s;
            }
            else
            {
                string name = score is null ? kind ?? "unknown" : PesqResult.KindName(PesqFailure.NonFinite);
                failures[name] = failures.GetValueOrDefault(name) + 1;
            }
        }

        return new PesqTally(scored, scored > 0 ? sum / scored : null, failures);
    }
}
