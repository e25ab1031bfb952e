using System.Globalization;
using Perceptor.Quality.Pesq;

namespace Perceptor.Quality.Scoring;

/// <summary>
/// What a batch of pairs came to: how many there were, the mean MOS-LQO per mode over the pairs that scored
/// (narrowband and wideband scores are on different scales and are never averaged together), and the failures
/// by kind.
/// </summary>
/// <param name="Total">Pairs scored or attempted.</param>
/// <param name="Modes">One entry per mode that has at least one score, wideband first.</param>
/// <param name="FailuresByKind">Failed pairs per kind, in <see cref="PesqFileFailure"/> order; kinds without failures are left out.</param>
public sealed record PesqSummary(int Total, IReadOnlyList<PesqModeSummary> Modes,
    IReadOnlyList<KeyValuePair<PesqFileFailure, int>> FailuresByKind)
{
    /// <summary>Pairs that scored.</summary>
    public int Scored => Modes.Sum(m => m.Scored);

    /// <summary>Pairs that failed.</summary>
    public int Failed => FailuresByKind.Sum(kv => kv.Value);

    /// <summary>The mean over the pairs scored in <paramref name="mode"/>, or null when none was.</summary>
    public double? MeanOf(PesqMode mode) => Modes.FirstOrDefault(m => m.Mode == mode)?.Mean;

    /// <summary>Failures of <paramref name="failure"/>'s kind (0 when there were none).</summary>
    public int FailuresOf(PesqFileFailure failure) =>
        FailuresByKind.FirstOrDefault(kv => kv.Key == failure).Value;

    /// <summary>Summarises <paramref name="outcomes"/>.</summary>
    public static PesqSummary Of(IEnumerable<PesqFileOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        int total = 0;
        var counts = new Dictionary<PesqMode, (int Count, double Sum)>();
        var failures = new Dictionary<PesqFileFailure, int>();
        foreach (var outcome in outcomes)
        {
            total++;
            if (outcome.Score is double score && outcome.Mode is PesqMode mode)
            {
                var (count, sum) = counts.GetValueOrDefault(mode);
                counts[mode] = (count + 1, sum + score);
            }
            else
            {
                failures[outcome.Failure] = failures.GetValueOrDefault(outcome.Failure) + 1;
            }
        }

        var modes = new[] { PesqMode.Wideband, PesqMode.Narrowband }
            .Where(counts.ContainsKey)
            .Select(m => new PesqModeSummary(m, counts[m].Count, counts[m].Sum / counts[m].Count))
            .ToList();
        var byKind = failures.OrderBy(kv => kv.Key).ToList();
        return new PesqSummary(total, modes, byKind);
    }

    /// <summary>
    /// The summary as a user reads it: <c>scored 3 of 4; mean MOS-LQO wb 2.345 (3)</c>, a mean per mode with its
    /// count, then <c>failures: too_short 1</c> when there are any.
    /// </summary>
    public IEnumerable<string> Describe()
    {
        string means = Modes.Count == 0
            ? "no pair scored"
            : "mean MOS-LQO " + string.Join(", ", Modes.Select(m => string.Create(CultureInfo.InvariantCulture,
                $"{PesqModeSummary.Name(m.Mode)} {m.Mean:0.000} ({m.Scored})")));
        yield return $"scored {Scored} of {Total}; {means}";
        if (FailuresByKind.Count > 0)
        {
            yield return "failures: " + string.Join(", ", FailuresByKind.Select(kv => $"{PesqFileFailures.Name(kv.Key)} {kv.Value}"));
        }
    }
}
