using Perceptor.Diagnostics.Detectors;
using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Analysis;

/// <summary>
/// Runs every detector on a run and assembles the diagnosis: findings sorted most severe first, a verdict on each
/// hypothesis, and what the log cannot tell. Pure: the same run and options give the same diagnosis.
/// </summary>
public static class Diagnoser
{
    /// <summary>The detectors, in the order their findings are listed within one severity.</summary>
    public static IReadOnlyList<Func<RunData, DiagnosisContext, DetectorResult>> Detectors { get; } =
    [
        CollapseDetector.Detect,
        RescoreDetector.Detect,
        DiscSkipDetector.Detect,
        CalibrationDetector.Detect,
        GanSignalDetector.Detect,
        DiscSaturationDetector.Detect,
        EvalComparabilityDetector.Detect,
        OverfittingDetector.Detect,
        LrRatioDetector.Detect,
        SettingsDetector.Detect,
    ];

    /// <summary>Diagnoses <paramref name="run"/>.</summary>
    public static Diagnosis Diagnose(RunData run, DiagnosisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        options ??= new DiagnosisOptions();
        run = WithSuppliedSettings(run, options);
        if (options.Rescored is { } rescored)
        {
            run = Rescore.RescoredRun.Apply(run, rescored);
        }

        var context = DiagnosisContext.Create(run, options);
        var results = Detectors.Select(d => d(run, context)).ToList();
        var findings = results.SelectMany((r, order) => r.Findings.Select(f => (Finding: f, Order: order)))
            .OrderByDescending(x => x.Finding.Severity).ThenBy(x => x.Order)
            .Select(x => x.Finding).ToList();
        var links = findings.SelectMany(f => f.Hypotheses).Concat(results.SelectMany(r => r.Observations)).ToList();
        return new Diagnosis
        {
            Run = run,
            Options = options,
            Findings = findings,
            Collapse = context.Collapse,
            Disc = context.Disc,
            Batch = context.Batch,
            Hypotheses = HypothesisAssessor.Assess(run, links),
            CannotTell = Limitations(run, context),
        };
    }

    private static RunData WithSuppliedSettings(RunData run, DiagnosisOptions options)
    {
        if (options.GenLr is null && options.DiscLr is null && options.LossWeights is null)
        {
            return run;
        }

        return run with
        {
            Settings = run.Settings with
            {
                GenLr = options.GenLr ?? run.Settings.GenLr,
                DiscLr = options.DiscLr ?? run.Settings.DiscLr,
                LossWeights = options.LossWeights ?? run.Settings.LossWeights,
            },
        };
    }

    private static List<string> Limitations(RunData run, DiagnosisContext context)
    {
        var list = new List<string>();
        if (!run.Epochs.Any(e => e.EvalPesq is not null))
        {
            list.Add("Eval PESQ is not in this log, so a PESQ collapse cannot be seen; log PESQ per epoch on fixed material.");
        }

        var nanPesq = run.Epochs.Where(e => e.EvalPesq is { } p && !double.IsFinite(p)).Select(e => e.Epoch).ToList();
        if (nanPesq.Count > 0)
        {
            list.Add($"Eval PESQ at epoch{(nanPesq.Count > 1 ? "s" : "")} {string.Join(", ", nanPesq.Select(e => Fmt.Int(e)))}: the log has " +
                "NaN (or inf) there, so the collapse rule leaves those epochs out.");
        }

        if (context.Disc.SkipRate is null)
        {
            list.Add("The discriminator skip rate: " + context.Disc.SkipBasisText +
                (context.Disc.SkipLower is { } lo && context.Disc.SkipUpper is { } hi ? $" (bounds {Fmt.PctRange(lo, hi)})." : "."));
        }
        else if (context.Disc.SkipBasis == SkipRateBasis.Estimate)
        {
            list.Add($"The exact skip rate: the log prints discriminator losses with fixed decimals, so a skip and a loss that rounds to " +
                $"zero look alike; the zeros are estimated to be skips (bounds {Fmt.PctRange(context.Disc.SkipLower!.Value, context.Disc.SkipUpper!.Value)}).");
        }
        else if (context.Disc.SkipBasis == SkipRateBasis.Sample)
        {
            list.Add($"The exact skip rate: the step lines are a sample, so it is an estimate (95% CI " +
                $"{Fmt.PctRange(context.Disc.SkipLower!.Value, context.Disc.SkipUpper!.Value)}).");
        }

        if (context.Disc.SaturatedShare is null && context.Disc.SaturationBasis != SkipRateBasis.Bounds)
        {
            list.Add("The share of saturated discriminator steps (losses below 1e-3): the log has no per-step discriminator loss.");
        }

        if (run.Source.EvalComparability != EvalComparability.Comparable && run.Epochs.Any(e => e.EvalPesq is not null || e.EvalLoss is not null))
        {
            list.Add("Whether eval epochs are comparable: " + run.Source.EvalComparabilityReason + ".");
        }

        if (run.Calibration.Count == 0)
        {
            list.Add("Whether the discriminator still predicts PESQ (calibration): no probe of D(clean, clean) and D(clean, enhanced) against real PESQ.");
        }

        if (run.GradShares.Count == 0)
        {
            list.Add("How much of the generator's gradient comes from the GAN term: no gradient-balance samples" +
                (run.Settings.LossWeights is null ? ", and no loss weights." : "."));
        }

        if (run.Settings.GenLr is null || run.Settings.DiscLr is null)
        {
            list.Add("The learning-rate ratio of discriminator and generator: not in the log (pass --gen-lr and --disc-lr).");
        }

        if (context.Batch.Known is null)
        {
            list.Add(context.Batch.BatchSizeAtMost is { } most
                ? $"The exact batch size (H6, H7): only at most {Fmt.Int(most)} per process ({context.Batch.Basis})."
                : "The batch size (H6, H7): the log states none and has no step counters inside an epoch.");
        }

        list.Add("The level PESQ was computed at (H5): no log records it.");
        return list;
    }
}
