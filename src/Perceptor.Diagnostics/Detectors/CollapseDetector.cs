using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Detectors;

/// <summary>
/// <c>pesq-collapse</c>: eval PESQ well below its peak for consecutive epochs while the training loss keeps falling
/// (<see cref="CollapseRule"/>). Adds what an expert checks next: whether the eval loss fell too (then no loss-based
/// stopping can catch it) and whether the drop is larger than the epoch-to-epoch wobble of the eval before it.
/// </summary>
public static class CollapseDetector
{
    /// <summary>
    /// Runs the collapse rule on the run's evaluated epochs. A training loss that is the mean of a few logged steps
    /// (one batch each, e.g. 5 lines an epoch in the reference log) is noisy enough to fake a rise, so such losses
    /// are smoothed over three neighbouring epochs before the rule compares them with the loss at the peak.
    /// When PESQ collapsed more than once, the peak, onset and fired epoch describe the <see cref="Principal"/>
    /// stretch rather than the first one; <see cref="CollapseResult.Events"/> keeps them all.
    /// </summary>
    public static CollapseResult Evaluate(RunData run, CollapseOptions options)
    {
        ArgumentNullException.ThrowIfNull(run);
        var losses = run.Epochs.Select(e => Stats.Finite(e.TrainLoss)).ToList();
        if (run.Epochs.Any(e => e.TrainLossSampled))
        {
            losses = Smooth(losses);
        }

        var history = run.Epochs
            .Select((e, i) => (e.Epoch, Pesq: e.EvalPesq, Loss: losses[i]))
            .Where(x => x.Pesq is { } p && double.IsFinite(p))
            .Select(x => (x.Epoch, x.Pesq!.Value, x.Loss))
            .ToList();
        var result = CollapseRule.Evaluate(history, options);
        if (Principal(result.Events) is { } main)
        {
            result = result with
            {
                PeakEpoch = main.PeakEpoch,
                PeakPesq = main.PeakPesq,
                OnsetEpoch = main.OnsetEpoch,
                FiredEpoch = main.FiredEpoch,
                LossCondition = main.LossCondition,
            };
        }

        // Report the losses as logged, not smoothed.
        var byEpoch = run.Epochs.ToDictionary(e => e.Epoch);
        return result with
        {
            TrainLossAtPeak = result.PeakEpoch is { } pe ? Stats.Finite(byEpoch[pe].TrainLoss) : null,
            TrainLossAtFinal = result.FinalEpoch is { } fe ? Stats.Finite(byEpoch[fe].TrainLoss) : null,
        };
    }

    /// <summary>
    /// The collapse a diagnosis is about when there were several: the stretch still going at the end of the log
    /// (measured from the highest peak, since the running peak never falls), otherwise the deepest one. A dip the run
    /// recovered from early on must not stand for a later collapse from a higher peak.
    /// </summary>
    public static CollapseEvent? Principal(IReadOnlyList<CollapseEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return null;
        }

        return events.LastOrDefault(e => e.EndedBy is null) ??
            events.OrderByDescending(e => e.PeakPesq - e.LowestPesq).ThenBy(e => e.OnsetEpoch).First();
    }

    private static List<double?> Smooth(List<double?> values)
    {
        var smoothed = new List<double?>(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is null)
            {
                smoothed.Add(null);
                continue;
            }

            var window = values.Skip(Math.Max(0, i - 1)).Take(i == 0 ? 2 : 3).Where(v => v is not null).Select(v => v!.Value);
            smoothed.Add(window.Average());
        }

        return smoothed;
    }

    /// <summary>The finding, if the run collapsed.</summary>
    public static DetectorResult Detect(RunData run, DiagnosisContext context)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(context);
        var c = context.Collapse;
        if (c.Detected != true)
        {
            return c.Pending is { } p ? DetectorResult.Of(PendingFinding(run, context, p)) : DetectorResult.Empty;
        }

        var ev = c.Events.Single(e => e.OnsetEpoch == c.OnsetEpoch);
        double drop = context.Options.Collapse.Drop;
        var byEpoch = run.Epochs.ToDictionary(e => e.Epoch);
        var evidence = new List<string>
        {
            $"Eval PESQ peaked at {Fmt.Pesq(ev.PeakPesq)} after epoch {ev.PeakEpoch}; from epoch {ev.OnsetEpoch} it stayed at " +
            $"least {Fmt.Num(drop)} below the peak (lowest {Fmt.Pesq(ev.LowestPesq)}); after epoch {c.FinalEpoch} it is " +
            $"{Fmt.Pesq(c.FinalPesq!.Value)} ({Signed(c.FinalPesq.Value - ev.PeakPesq)}).",
        };

        evidence.Add(ev.EndedBy switch
        {
            null => $"It had not recovered by the last evaluated epoch ({c.FinalEpoch}).",
            "recovered" => $"It came back within {Fmt.Num(drop)} of the peak at epoch {ev.EndEpoch}.",
            _ => $"The stretch ended at epoch {ev.EndEpoch}, where the training loss rose above its value at the peak.",
        });
        if (c.Events.Count > 1)
        {
            string which = ev.EndedBy is null ? "the one still going at the end" : "the deepest";
            evidence.Add($"{c.Events.Count} separate collapse stretches in all; {which} is described here. " +
                string.Join(" ", c.Events.Where(e => e != ev).Select(Other)));
        }

        bool sampled = byEpoch.TryGetValue(ev.PeakEpoch, out var peakPoint) && peakPoint.TrainLossSampled;
        if (c.TrainLossAtPeak is { } lp && c.TrainLossAtFinal is { } lf)
        {
            string verb = lf < lp ? "kept falling" : "did not fall";
            evidence.Add($"Training loss {verb}: {Fmt.Num(lp)} at epoch {ev.PeakEpoch} → {Fmt.Num(lf)} at epoch {c.FinalEpoch}" +
                (sampled ? " (means of the logged steps)." : "."));
        }
        else
        {
            evidence.Add("The log has no training loss at the peak or at the end, so whether it kept falling cannot be told; " +
                "the collapse rests on eval PESQ alone.");
        }

        string? evalLoss = EvalLossEvidence(run, context, ev.PeakEpoch);
        if (evalLoss is not null)
        {
            evidence.Add(evalLoss);
        }

        var links = new List<HypothesisLink>();
        var noise = CropNoise.Of(run, ev.OnsetEpoch);
        int held = run.Epochs.Count(e => e.EvalPesq is not null && e.Epoch >= ev.OnsetEpoch && e.Epoch <= ev.LastEpoch);
        double depth = ev.PeakPesq - ev.LowestPesq;
        string sparse = noise.SkippedRows > 0
            ? $" ({Fmt.Int(noise.SkippedRows)} gap{(noise.SkippedRows > 1 ? "s" : "")} between rows that skip epochs left out)" : "";
        if (noise.Median is > 0 && noise.Pairs >= 2)
        {
            double ratio = depth / noise.Median.Value;
            evidence.Add($"The drop to the lowest point ({Fmt.Pesq(depth)}) is {ratio:0.0}× the median change of eval PESQ between " +
                $"consecutive epochs before the onset ({Fmt.Pesq(noise.Median.Value)}, {Fmt.Int(noise.Pairs)} pairs{sparse}), and it held " +
                $"for {held} evaluated epochs.");
            links.Add(ratio >= 3 && held >= 3
                ? new HypothesisLink(HypothesisId.H4, Stance.Weakens,
                    $"a drop {ratio:0.0}× the earlier epoch-to-epoch changes, held for {held} epochs, is more than eval crop noise")
                : new HypothesisLink(HypothesisId.H4, Stance.Open,
                    $"a drop {ratio:0.0}× the earlier epoch-to-epoch changes, held for {held} epochs, could still be eval crop noise"));
        }
        else
        {
            evidence.Add($"The eval noise before the onset cannot be measured: {Fmt.Int(noise.Pairs)} pair(s) of consecutive evaluated " +
                $"epochs before epoch {ev.OnsetEpoch}{sparse}.");
        }

        if (byEpoch.GetValueOrDefault(ev.PeakEpoch)?.TrainDiscLoss is { } dp &&
            byEpoch.GetValueOrDefault(c.FinalEpoch!.Value)?.TrainDiscLoss is { } df)
        {
            evidence.Add($"Discriminator loss (epoch means): {Fmt.Num(dp)} at the peak, {Fmt.Num(df)} at the end.");
        }

        int best = run.Epochs.Where(e => e.EvalPesq is { } p && double.IsFinite(p)).MaxBy(e => e.EvalPesq!.Value)!.Epoch;
        string next = run.Source.EvalComparability == EvalComparability.Comparable
            ? $"Keep the epoch-{best} checkpoint (best by eval PESQ) and run the hypothesis arms from the same data " +
              "and seed (perceptor experiment: failure policy mask vs skip-batch, disc LR = gen LR, GAN weight 0.2); " +
              "compare eval PESQ per epoch, skip rate and calibration across the arms."
            : $"First confirm the drop on fixed material: score the epoch-{ev.PeakEpoch} and epoch-{c.FinalEpoch} generator " +
              "checkpoints on the full test utterances (perceptor evaluate, or the reference evaluation.py). If it holds, " +
              "run the hypothesis arms with the same data and seed (perceptor experiment: failure policy mask vs " +
              "skip-batch, disc LR = gen LR, GAN weight 0.2) and keep checkpoints by full-utterance PESQ.";
        string lossWords = c.LossCondition == LossCondition.Unknown ? "" : " while the training loss kept falling";
        return DetectorResult.Of(new Finding
        {
            Id = FindingIds.PesqCollapse,
            Severity = Severity.Critical,
            Title = ev.EndedBy is null
                ? $"Eval PESQ collapsed from {Fmt.Pesq(ev.PeakPesq)} (epoch {ev.PeakEpoch}) to {Fmt.Pesq(c.FinalPesq.Value)} " +
                  $"(epoch {c.FinalEpoch}), onset at epoch {ev.OnsetEpoch}{lossWords}"
                : $"Eval PESQ collapsed from {Fmt.Pesq(ev.PeakPesq)} (epoch {ev.PeakEpoch}) to as low as {Fmt.Pesq(ev.LowestPesq)} " +
                  $"in epochs {ev.OnsetEpoch}-{ev.LastEpoch}{lossWords}, " +
                  (ev.EndedBy == "recovered" ? $"then recovered (epoch {ev.EndEpoch})" : $"until the training loss rose (epoch {ev.EndEpoch})"),
            Evidence = evidence,
            Next = next,
            Hypotheses = links,
        });
    }

    // Judged against the eval loss's minimum within the evaluated epochs, not its endpoints: a loss that bottomed out
    // mid-run and rose since says overtraining, even if it still ends below its value at the PESQ peak.
    private static string? EvalLossEvidence(RunData run, DiagnosisContext context, int peak)
    {
        if (EvalLossTrend.Of(run, context.Options.OverfitRise) is not { } t)
        {
            return null;
        }

        string atPeak = run.Epochs.FirstOrDefault(e => e.Epoch == peak)?.EvalLoss is { } a && double.IsFinite(a)
            ? $"; it was {Fmt.Num(a)} at the PESQ peak (epoch {peak})" : "";
        return t.LastLoss <= t.MinLoss * (1 + context.Options.OverfitRise)
            ? $"Eval loss fell too (lowest {Fmt.Num(t.MinLoss)} at epoch {t.MinEpoch}, {Fmt.Num(t.LastLoss)} at epoch {t.LastEpoch}{atPeak}): " +
              "the losses stopped tracking PESQ, so early stopping or checkpoint selection by loss cannot catch this collapse."
            : $"Eval loss bottomed out at epoch {t.MinEpoch} ({Fmt.Num(t.MinLoss)}) and rose to {Fmt.Num(t.LastLoss)} by epoch " +
              $"{t.LastEpoch} (+{t.Rise:0.0%}) while PESQ fell{atPeak}: selection by eval loss keeps epoch {t.MinEpoch}.";
    }

    private static Finding PendingFinding(RunData run, DiagnosisContext context, PendingCollapse p)
    {
        var o = context.Options.Collapse;
        var last = run.Epochs.Last(e => Stats.Finite(e.EvalPesq) is not null);
        int more = o.Epochs - p.Epochs;
        return new Finding
        {
            Id = FindingIds.CollapsePending,
            Severity = Severity.Warning,
            Title = $"Eval PESQ dropped from {Fmt.Pesq(p.PeakPesq)} (epoch {p.PeakEpoch}) to {Fmt.Pesq(last.EvalPesq!.Value)} " +
                $"(epoch {last.Epoch}) in the last {p.Epochs} evaluated epoch{(p.Epochs > 1 ? "s" : "")}: a collapse that cannot be confirmed yet",
            Evidence =
            [
                $"From epoch {p.OnsetEpoch} eval PESQ is at least {Fmt.Num(o.Drop)} below the peak (lowest {Fmt.Pesq(p.LowestPesq)}), " +
                $"but the rule asks for {o.Epochs} consecutive evaluated epochs and the log ends after {p.Epochs}: " +
                $"{more} more would confirm it.",
                "So the log neither shows a collapse nor rules one out; collapse.detected is null.",
            ],
            Next = $"Rescore the saved checkpoints of epochs {p.PeakEpoch}-{last.Epoch} on the full test utterances (perceptor rescore, " +
                "then diagnose --rescored), or train on for a few epochs, to see whether the drop holds.",
        };
    }

    private static string Other(CollapseEvent e) =>
        $"Another: from epoch {e.OnsetEpoch} (peak {Fmt.Pesq(e.PeakPesq)} at epoch {e.PeakEpoch}, lowest {Fmt.Pesq(e.LowestPesq)})" +
        (e.EndedBy switch
        {
            null => ", still going at the end.",
            "recovered" => $", recovered at epoch {e.EndEpoch}.",
            _ => $", ended at epoch {e.EndEpoch} where the training loss rose above its value at the peak.",
        });

    private static string Signed(double x) => (x >= 0 ? "+" : "") + Fmt.Pesq(x);
}
