using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Detectors;

/// <summary>
/// The epoch-to-epoch wobble of eval PESQ, the yardstick for crop noise (H4): the median absolute change between
/// <em>consecutive</em> epochs (rows that skip epochs are not epoch-to-epoch changes), taken before a collapse onset
/// only, so that the drop itself never enters the estimate.
/// </summary>
/// <param name="Median">Median absolute change, null without any consecutive pair.</param>
/// <param name="Pairs">Consecutive epoch pairs it rests on.</param>
/// <param name="SkippedRows">Neighbouring PESQ rows left out because epochs lie between them.</param>
public sealed record CropNoise(double? Median, int Pairs, int SkippedRows)
{
    /// <summary>The wobble of <paramref name="run"/>'s eval PESQ over epochs before <paramref name="before"/> (all
    /// epochs when null).</summary>
    public static CropNoise Of(RunData run, int? before)
    {
        ArgumentNullException.ThrowIfNull(run);
        var rows = run.Epochs.Where(e => Stats.Finite(e.EvalPesq) is not null && (before is null || e.Epoch < before))
            .OrderBy(e => e.Epoch).ToList();
        var changes = new List<double>();
        int skipped = 0;
        for (int i = 1; i < rows.Count; i++)
        {
            if (rows[i].Epoch == rows[i - 1].Epoch + 1)
            {
                changes.Add(Math.Abs(rows[i].EvalPesq!.Value - rows[i - 1].EvalPesq!.Value));
            }
            else
            {
                skipped++;
            }
        }

        return new CropNoise(Stats.Median(changes), changes.Count, skipped);
    }
}
