using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Detectors;

/// <summary>
/// <c>overfitting</c> (H7, overtraining): the eval loss reached its minimum at some epoch k of the evaluated epochs and
/// then stayed above it (for at least as many evaluated rows as the collapse rule asks, and at the end) while the
/// training loss fell. Judged against the minimum (<see cref="EvalLossTrend"/>), not the endpoints, and with train and
/// eval losses read from their own rows. Names k, the epoch that selection by eval loss would keep. An eval loss still
/// falling through a PESQ collapse is evidence against overtraining in the loss sense.
/// </summary>
public static class OverfittingDetector
{
    /// <summary>The overfitting finding, or an observation on H7.</summary>
    public static DetectorResult Detect(RunData run, DiagnosisContext context)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(context);
        var trend = EvalLossTrend.Of(run, context.Options.OverfitRise);
        if (trend is null)
        {
            return DetectorResult.Empty;
        }

        double limit = trend.MinLoss * (1 + context.Options.OverfitRise);
        bool rising = trend.PointsAfter > 0 && trend.AboveAfter >= context.Options.Collapse.Epochs && trend.LastLoss > limit;
        if (!rising || !trend.TrainFell)
        {
            if (context.Collapse.Detected == true && context.Collapse.OnsetEpoch is { } onset && trend.MinEpoch >= onset &&
                trend.LastLoss <= limit)
            {
                return DetectorResult.Observe(new HypothesisLink(HypothesisId.H7, Stance.Weakens,
                    $"the eval loss kept falling through the collapse (lowest at epoch {trend.MinEpoch}, after the onset at epoch " +
                    $"{onset}): the generator still generalises on its own loss, so the collapse is not loss overfitting"));
            }

            return DetectorResult.Empty;
        }

        var evidence = new List<string>
        {
            $"Eval loss was lowest at epoch {trend.MinEpoch} ({Fmt.Num(trend.MinLoss)}) and is {Fmt.Num(trend.LastLoss)} at epoch " +
            $"{trend.LastEpoch} (+{trend.Rise:0.0%}); it was above its minimum by more than {context.Options.OverfitRise:0%} in " +
            $"{trend.AboveAfter} of the {trend.PointsAfter} evaluated rows since.",
            $"Training loss fell meanwhile: {Fmt.Num(trend.TrainAtMin!.Value)} at epoch {trend.TrainAtMinEpoch} → " +
            $"{Fmt.Num(trend.TrainAtEnd!.Value)} at epoch {trend.TrainAtEndEpoch}.",
            $"Checkpoint selection by eval loss would keep epoch {trend.MinEpoch}.",
        };
        var byEpoch = run.Epochs.ToDictionary(e => e.Epoch);
        var pesqs = run.Epochs.Where(e => Stats.Finite(e.EvalPesq) is not null).ToList();
        var links = new List<HypothesisLink>();
        string how = $"eval loss lowest at epoch {trend.MinEpoch} and {trend.Rise:0.0%} above it at epoch {trend.LastEpoch} while the " +
            "training loss fell";
        if (pesqs.Count > 0)
        {
            var peak = pesqs.MaxBy(e => e.EvalPesq!.Value)!;
            var final = pesqs[^1];
            string atMin = byEpoch.GetValueOrDefault(trend.MinEpoch)?.EvalPesq is { } pm && double.IsFinite(pm)
                ? $"eval PESQ there is {Fmt.Pesq(pm)}; " : "";
            evidence.Add($"Eval PESQ peaked at epoch {peak.Epoch} ({Fmt.Pesq(peak.EvalPesq!.Value)}); {atMin}at epoch {final.Epoch} it is " +
                $"{Fmt.Pesq(final.EvalPesq!.Value)}.");
            if (context.Collapse.Detected == true)
            {
                how += $", and eval PESQ collapsed after epoch {context.Collapse.PeakEpoch}";
            }
        }

        if (run.Source.Kind is LogKind.Text or LogKind.Csv)
        {
            evidence.Add("In the reference the eval loss includes a GAN term scored by a moving discriminator and random crops: " +
                "confirm on full utterances (perceptor rescore of the saved checkpoints).");
        }

        links.Add(new HypothesisLink(HypothesisId.H7, Stance.Supports, how));
        return DetectorResult.Of(new Finding
        {
            Id = FindingIds.Overfitting,
            Severity = Severity.Warning,
            Title = $"Overtraining: eval loss rising since epoch {trend.MinEpoch} while the training loss falls " +
                $"(selection by eval loss keeps epoch {trend.MinEpoch})",
            Evidence = evidence,
            Next = $"Keep the checkpoint selected by full-utterance PESQ on a held-out set (around epoch {trend.MinEpoch}) and stop " +
                "early on it; to remove the cause, test the H7 arms: batch-size=4 (a quarter of the updates per epoch of batch 1), " +
                "a lower generator learning rate, more training data.",
            Hypotheses = links,
        });
    }
}
