using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Detectors;

/// <summary>
/// <c>eval-not-comparable</c> (H4): eval numbers of different epochs measure the model on different material
/// (random crops) or the log cannot say. Perceptor runs record their eval method; foreign logs do not.
/// </summary>
public static class EvalComparabilityDetector
{
    /// <summary>The comparability finding, or an observation when eval is deterministic.</summary>
    public static DetectorResult Detect(RunData run, DiagnosisContext context)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(context);
        var evaluated = run.Epochs.Where(e => e.EvalPesq is not null || e.EvalLoss is not null).ToList();
        if (evaluated.Count == 0)
        {
            return DetectorResult.Empty;
        }

        string reason = run.Source.EvalComparabilityReason;
        if (run.Epochs.Any(e => e.LogPesq is not null))
        {
            // A rescore replaced the log's eval PESQ: the rescore finding judges H4 by comparing the two.
            return DetectorResult.Empty;
        }

        if (run.Source.EvalComparability == EvalComparability.Comparable)
        {
            return DetectorResult.Observe(new HypothesisLink(HypothesisId.H4, Stance.RulesOut,
                $"eval is deterministic ({reason}): epoch-to-epoch changes are the model's"));
        }

        var evidence = new List<string> { $"{Capitalise(reason)}." };
        // The same yardstick as the collapse finding: consecutive epochs only, before any collapse onset.
        var noise = CropNoise.Of(run, context.Collapse.Detected == true ? context.Collapse.OnsetEpoch : null);
        if (noise.Median is { } wobble && noise.Pairs >= 2)
        {
            evidence.Add($"Eval PESQ moves by a median {Fmt.Pesq(wobble)} between consecutive epochs" +
                (context.Collapse.Detected == true ? " before the collapse" : "") + "; with random crops part of " +
                "that is the crops, not the model.");
        }

        if (run.Source.Kind is LogKind.Text or LogKind.Csv && evaluated.Any(e => e.EvalLoss is not null))
        {
            evidence.Add("The reference test() loss also includes a GAN term scored by a discriminator that changes every epoch.");
        }

        bool notComparable = run.Source.EvalComparability == EvalComparability.NotComparable;
        return DetectorResult.Of(new Finding
        {
            Id = FindingIds.EvalNotComparable,
            Severity = notComparable || context.Collapse.Detected == true ? Severity.Warning : Severity.Info,
            Title = notComparable
                ? "Eval numbers are not comparable across epochs"
                : "Eval numbers may not be comparable across epochs: the log does not say how eval was done",
            Evidence = evidence,
            Next = "Score the saved checkpoints on the same full test utterances (perceptor evaluate, or the reference evaluation.py) " +
                "and compare those; Perceptor's trainer evaluates full utterances (or fixed crops) every epoch.",
            Hypotheses =
            [
                new HypothesisLink(HypothesisId.H4, notComparable ? Stance.Supports : Stance.Open,
                    notComparable ? "eval material changes between epochs" : "the log cannot show whether eval crops were random"),
            ],
        });
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
