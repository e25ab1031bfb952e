using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Detectors;

/// <summary>
/// <c>disc-skipping</c> and <c>skip-rate-unknown</c>: how many discriminator steps were skipped (H1). A logged
/// 0.0 counts as a skip only where the source logs skips that way; epoch averages cannot separate skips from
/// saturation and give bounds at most. Rates from a sample of step lines carry a 95 % interval.
/// </summary>
public static class DiscSkipDetector
{
    /// <summary>The skip finding, or the skip-rate-unknown finding, or an observation on H1.</summary>
    public static DetectorResult Detect(RunData run, DiagnosisContext context)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(context);
        var d = context.Disc;
        var o = context.Options;
        double? rate = d.SkipRate;
        double? lower = d.SkipLower;
        double? upper = d.SkipUpper;

        if (rate is { } r && r >= o.SkipWarning)
        {
            return DetectorResult.Of(Skipping(run, context, r, SeverityOf(r, o)));
        }

        if (rate is null && lower is { } lo && lo >= o.SkipWarning)
        {
            return DetectorResult.Of(Skipping(run, context, lo, SeverityOf(lo, o)));
        }

        if (rate is { } low)
        {
            bool sure = d.SkipBasis == SkipRateBasis.Exact || upper < o.SkipWarning;
            return DetectorResult.Observe(new HypothesisLink(HypothesisId.H1, sure ? Stance.RulesOut : Stance.Weakens,
                $"{Fmt.Pct(low)} of discriminator steps were skipped ({d.SkipBasisText}" +
                (d.SkipBasis == SkipRateBasis.Sample ? $"; 95% CI {Fmt.PctRange(d.SkipLower!.Value, d.SkipUpper!.Value)}"
                    : d.SkipBasis == SkipRateBasis.Estimate ? $"; bounds {Fmt.PctRange(d.SkipLower!.Value, d.SkipUpper!.Value)}" : "") + ")"));
        }

        if (upper is { } up && up < o.SkipWarning)
        {
            return DetectorResult.Observe(new HypothesisLink(HypothesisId.H1, Stance.RulesOut,
                $"at most {Fmt.Pct(up)} of discriminator steps can have been skipped ({d.SkipBasisText})"));
        }

        return DetectorResult.Of(Unknown(run, context));
    }

    // "10-30 % a warning, above 30 % critical": a rate of exactly 30 % (15 of 50 logged steps) is still a warning. The
    // margin keeps a count that lands on the threshold from being pushed over it by binary rounding.
    private static Severity SeverityOf(double rate, DiagnosisOptions options) =>
        rate > options.SkipCritical + 1e-12 ? Severity.Critical : Severity.Warning;

    private static Finding Skipping(RunData run, DiagnosisContext context, double rate, Severity severity)
    {
        var d = context.Disc;
        var evidence = new List<string>();
        bool atLeast = d.SkipRate is null;
        if (d.Skips is { } p && !atLeast)
        {
            evidence.Add(run.Source.SkipEvidence switch
            {
                SkipEvidence.ExactZero when !p.Exact =>
                    $"{Fmt.Int(p.Count)} of {Fmt.Int(p.Total)} logged steps have a discriminator loss of exactly 0.0, which the " +
                    $"reference code logs for a skipped step: {Fmt.Pct(p.Value)} (95% CI {Fmt.PctRange(p.Lower, p.Upper)}).",
                _ when p.Exact => $"{Fmt.Int(p.Count)} of {Fmt.Int(p.Total)} batches skipped the discriminator step " +
                    $"({Fmt.Pct(p.Value)}; {d.SkipBasisText}).",
                _ => $"{Fmt.Int(p.Count)} of {Fmt.Int(p.Total)} logged steps skipped the discriminator step: " +
                    $"{Fmt.Pct(p.Value)} (95% CI {Fmt.PctRange(p.Lower, p.Upper)}).",
            });
            if (!p.Exact)
            {
                evidence.Add("The step lines are a sample of the steps" +
                    (run.Settings.StepLogInterval is > 1 ? $" (one in {run.Settings.StepLogInterval})" : "") +
                    "; the interval assumes skips are spread evenly over the steps." +
                    (d.Spacing is { Irregular: true } spacing ? " But " + spacing.Text + "." : ""));
                if (p.Lower < context.Options.SkipWarning || (p.Lower <= context.Options.SkipCritical && p.Upper > context.Options.SkipCritical))
                {
                    evidence.Add("The interval straddles a threshold (10% warning, 30% critical): the severity follows the estimate.");
                }
            }
        }
        else if (d.SkipBasis == SkipRateBasis.Estimate && d.ZeroEstimate is { } z)
        {
            evidence.Add($"About {Fmt.Pct(d.SkipRate!.Value)} of discriminator steps were skipped, estimated (bounds " +
                $"{Fmt.PctRange(d.SkipLower!.Value, d.SkipUpper!.Value)}): {d.SkipBasisText}.");
            evidence.Add($"The severity follows the estimate; the lower bound ({Fmt.Pct(d.SkipLower.Value)}) allows for up to " +
                $"{z.HiddenAtMost:0.#} real losses among the {Fmt.Int(z.Zeros)} zeros.");
        }
        else
        {
            evidence.Add($"At least {Fmt.Pct(rate)} of discriminator steps were skipped ({d.SkipBasisText}; " +
                $"bounds {Fmt.PctRange(d.SkipLower!.Value, d.SkipUpper!.Value)}).");
        }

        if (d.PerEpoch.Count >= 2)
        {
            var first = d.PerEpoch[0];
            var last = d.PerEpoch[^1];
            evidence.Add($"Per epoch: {Fmt.Pct(first.Skipped.Value)} in epoch {first.Epoch}, {Fmt.Pct(last.Skipped.Value)} in epoch {last.Epoch}.");
            if (context.Collapse is { Detected: true, OnsetEpoch: { } onset })
            {
                var pre = Pool(d.PerEpoch.Where(e => e.Epoch < onset));
                var post = Pool(d.PerEpoch.Where(e => e.Epoch >= onset));
                if (pre is not null && post is not null)
                {
                    evidence.Add($"Before the collapse onset (epoch {onset}) {Fmt.Pct(pre.Value)} were skipped; from it on, {Fmt.Pct(post.Value)}." +
                        (post.Value < pre.Value + 0.1
                            ? " Skipping was as frequent while PESQ still rose, so on its own it does not explain why the collapse starts when it does."
                            : " Skipping grew with the collapse."));
                }
            }
        }

        var failures = new Dictionary<string, long>();
        foreach (var e in run.Epochs.Where(e => e.ClipFailures is not null))
        {
            foreach (var (kind, count) in e.ClipFailures!)
            {
                failures[kind] = failures.GetValueOrDefault(kind) + count;
            }
        }

        if (failures.Values.Sum() > 0)
        {
            evidence.Add("PESQ failures by reason: " +
                string.Join(", ", failures.Where(f => f.Value > 0).OrderByDescending(f => f.Value).Select(f => $"{f.Key} {Fmt.Int(f.Value)}")) + ".");
        }

        string policy = run.Settings.PesqFailurePolicy ?? "";
        string next = run.Source.Kind is LogKind.Run or LogKind.Jsonl
            ? (policy == "mask"
                ? "The mask policy still skips batches whose every clip failed: enable speech-aware cropping so crops contain speech, and check the failure reasons."
                : "Switch the PESQ failure policy to per-clip mask (train.pesqFailures=mask) and compare with this run on the same seed " +
                  "(perceptor experiment runs both arms); speech-aware cropping removes silent crops. Do not use batch-mean targets: they teach the discriminator batch averages.")
            : "Measure why PESQ fails, per clip (no utterances, too short), then compare a per-clip mask arm against skip-batch on the same " +
              "seed (perceptor experiment). Do not replace targets by the batch mean: that teaches the discriminator batch averages.";
        return new Finding
        {
            Id = FindingIds.DiscSkipping,
            Severity = severity,
            Title = atLeast
                ? $"At least {Fmt.Pct(rate)} of discriminator steps were skipped"
                : $"{Fmt.Pct(rate)} of discriminator steps were skipped" + (d.SkipBasis == SkipRateBasis.Estimate
                    ? " (estimated: the fixed-decimal zeros read as skips)"
                    : d.Skips is { Exact: false } ? " (estimated from the logged steps)" : ""),
            Evidence = evidence,
            Next = next,
            Hypotheses =
            [
                new HypothesisLink(HypothesisId.H1, Stance.Supports,
                    $"{(atLeast ? "at least " : "")}{Fmt.Pct(rate)} of discriminator steps skipped: the discriminator trains on fewer batches than the generator"),
            ],
        };
    }

    private static Finding Unknown(RunData run, DiagnosisContext context)
    {
        var d = context.Disc;
        var o = context.Options;
        var evidence = new List<string>();
        if (d.SkipBasis == SkipRateBasis.Unknown)
        {
            evidence.Add($"Nothing to count: {d.SkipBasisText}.");
        }
        else
        {
            evidence.Add($"The skip rate lies between {Fmt.PctRange(d.SkipLower!.Value, d.SkipUpper!.Value)}: {d.SkipBasisText}.");
        }

        if (d.LowestEpochMean is { } lowest && lowest.Mean < o.SaturationLoss && lowest.Mean > 0)
        {
            double share = 1 - (lowest.Mean / o.SaturationLoss);
            evidence.Add($"Epoch {lowest.Epoch}'s mean discriminator loss is {Fmt.Num(lowest.Mean)}: at least {Fmt.Pct(share)} of its steps " +
                $"logged a loss below {Fmt.Num(o.SaturationLoss)} — skipped or saturated, the average cannot say which.");
        }
        else if (d.LowestEpochMean is { } l)
        {
            evidence.Add($"The lowest epoch mean of the discriminator loss is {Fmt.Num(l.Mean)} (epoch {l.Epoch}): a few skipped steps " +
                "or many, with larger losses on the others, give the same mean.");
        }

        if (d.UnknownSteps > 0)
        {
            evidence.Add($"{Fmt.Int(d.UnknownSteps)} logged losses print as a rounded zero: each is a skip or a loss below " +
                "the printed precision.");
        }

        if (d.LoggedDiscLosses > 0 && d.LoggedBelowThreshold > 0)
        {
            evidence.Add($"{Fmt.Int(d.LoggedBelowThreshold)} of {Fmt.Int(d.LoggedDiscLosses)} logged discriminator losses are below " +
                $"{Fmt.Num(o.SaturationLoss)}; counting those as skips mixes saturation into the skip rate.");
        }

        return new Finding
        {
            Id = FindingIds.SkipRateUnknown,
            Severity = context.Collapse.Detected == true ? Severity.Warning : Severity.Info,
            Title = d.SkipBasis == SkipRateBasis.Bounds
                ? $"The skip rate cannot be told from this log, only bounded ({Fmt.PctRange(d.SkipLower!.Value, d.SkipUpper!.Value)})"
                : "The skip rate cannot be told from this log",
            Evidence = evidence,
            Next = run.Source.Kind is LogKind.Run or LogKind.Jsonl
                ? "Log every step's discriminator accounting (log.every = 1) or keep the epoch records; Perceptor flags each skip."
                : "Count skips directly: train with Perceptor (every skip is logged as a skip), or in the reference count the batches " +
                  "where batch_pesq returns None (e.g. a [DISC STATS] Trained: a/b line per epoch) and log disc_loss per step at full precision.",
            Hypotheses = [new HypothesisLink(HypothesisId.H1, Stance.Open, "the log cannot separate skipped discriminator steps from saturated ones")],
        };
    }

    private static Proportion? Pool(IEnumerable<EpochDiscRate> rates)
    {
        long count = 0;
        long total = 0;
        bool exact = true;
        foreach (var r in rates)
        {
            count += r.Skipped.Count;
            total += r.Skipped.Total;
            exact &= r.Skipped.Exact;
        }

        return total > 0 ? new Proportion(count, total, exact) : null;
    }
}
