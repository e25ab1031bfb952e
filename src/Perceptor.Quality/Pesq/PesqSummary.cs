namespace Perceptor.Quality.Pesq;

/// <summary>Mean score over the pairs that scored, how many did, and how many failed by error kind.</summary>
public sealed record PesqSummary(int Scored, double Mean, IReadOnlyDictionary<string, int> FailuresByKind)
{
    /// <summary>Number of pairs that failed.</summary>
    public int Failed => FailuresByKind.Values.Sum();

    /// <summary>Summarises <paramref name="outcomes"/>.</summary>
    public static PesqSummary Of(IEnumerable<PesqFileOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        int scored = 0;
        double sum = 0;
        var failures = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            if (outcome.Score is double score)
            {
                scored++;
                sum += score;
            }
            else
            {
                string kind = outcome.ErrorKind ?? "unknown";
                failures[kind] = failures.GetValueOrDefault(kind) + 1;
            }
        }

        return new PesqSummary(scored, scored > 0 ? sum / scored : double.NaN, failures);
    }
}
