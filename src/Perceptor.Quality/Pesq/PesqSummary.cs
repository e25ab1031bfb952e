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
        var tally = PesqTally.Of(outcomes.Select(o => (o.Score, (string?)(o.ErrorKind ?? "unknown"))));
        return new PesqSummary(tally.Scored, tally.Mean ?? double.NaN, tally.FailuresByKind);
    }
}
