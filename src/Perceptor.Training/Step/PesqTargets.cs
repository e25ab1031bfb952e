using Perceptor.Diagnostics.RunLog;
using Perceptor.Quality.Pesq;
using Perceptor.Quality.Scoring;
using Perceptor.Training.Config;

namespace Perceptor.Training.Step;

/// <summary>
/// Turns the wideband PESQ results of a batch into discriminator targets under a failure policy. The
/// targets are CMGAN's normalised WB-PESQ. Pure: the trainer and the tests call the same function.
/// </summary>
public static class PesqTargets
{
    /// <summary>The normalised target of a WB-PESQ score: (PESQ − 1)/3.5, mapping WB-PESQ's 1 to 4.5 onto 0 to 1 as CMGAN does.</summary>
    public static double Normalise(double pesq) => (pesq - 1.0) / 3.5;

    /// <summary>Decides the discriminator step for <paramref name="results"/> under <paramref name="policy"/>.</summary>
    public static TargetDecision Decide(IReadOnlyList<PesqResult> results, PesqFailurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(results);
        int n = results.Count;
        var targets = new float[n];
        var mask = new float[n];
        var scores = new double[n];
        for (int i = 0; i < n; i++)
        {
            scores[i] = PesqTally.IsScored(results[i]) ? results[i].Score : double.NaN;
        }

        var tally = PesqTally.Of(results);
        int scored = tally.Scored;
        double? mean = tally.Mean;
        var failedByKind = tally.FailuresByKind;
        TargetDecision Skipped(DiscSkipReason reason) => new(true, reason, targets, mask, scored, failedByKind, mean, scores);

        switch (policy)
        {
            case PesqFailurePolicy.SkipBatch:
                if (scored < n)
                {
                    return Skipped(DiscSkipReason.PesqFailed);
                }

                break;
            case PesqFailurePolicy.BatchMean:
                if (scored == 0)
                {
                    return Skipped(DiscSkipReason.PesqAllFailed);
                }

                float batchTarget = (float)Normalise(mean!.Value);
                Array.Fill(targets, batchTarget);
                Array.Fill(mask, 1f);
                return new TargetDecision(false, null, targets, mask, scored, failedByKind, mean, scores);
            case PesqFailurePolicy.Mask:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(policy), policy, "unknown failure policy");
        }

        for (int i = 0; i < n; i++)
        {
            if (!double.IsNaN(scores[i]))
            {
                targets[i] = (float)Normalise(scores[i]);
                mask[i] = 1f;
            }
        }

        // Mask with no clip scored still steps: the (clean, clean) term alone, as MP-SENet keeps it.
        return new TargetDecision(false, null, targets, mask, scored, failedByKind, mean, scores);
    }
}
