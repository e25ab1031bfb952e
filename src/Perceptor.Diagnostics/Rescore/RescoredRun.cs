using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Rescore;

/// <summary>
/// A run whose eval PESQ is replaced by a rescore of its checkpoints on full utterances: the authoritative series.
/// The log's own PESQ is kept per epoch (<see cref="EpochPoint.LogPesq"/>) so the diagnosis can say whether the
/// collapse the log shows is real; epochs rescored but absent from the log are added, and the eval counts as
/// deterministic.
/// </summary>
public static class RescoredRun
{
    /// <summary>The run with <paramref name="series"/> as its eval PESQ.</summary>
    public static RunData Apply(RunData run, RescoreSeries series)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(series);
        var scored = series.Epochs.Where(e => e.Pesq is not null).GroupBy(e => e.Epoch).ToDictionary(g => g.Key, g => g.Last());
        var epochs = run.Epochs.Select(e => e with
        {
            LogPesq = e.EvalPesq,
            EvalPesq = scored.TryGetValue(e.Epoch, out var r) ? r.Pesq : null,
            NoisyPesq = series.NoisyPesq ?? e.NoisyPesq,
            EvalMethod = scored.ContainsKey(e.Epoch) ? "full-utterance" : e.EvalMethod,
        }).ToList();
        epochs.AddRange(scored.Values.Where(r => run.Epochs.All(e => e.Epoch != r.Epoch))
            .Select(r => new EpochPoint { Epoch = r.Epoch, EvalPesq = r.Pesq, NoisyPesq = series.NoisyPesq, EvalMethod = "full-utterance" }));
        int files = series.Epochs.Max(e => e.Files);
        return run with
        {
            Epochs = epochs.OrderBy(e => e.Epoch).ToList(),
            Source = run.Source with
            {
                EvalComparability = EvalComparability.Comparable,
                EvalComparabilityReason = $"eval PESQ from a rescore of {scored.Count} checkpoints on the same {files} full test utterances " +
                    $"({series.Source})",
            },
        };
    }
}
