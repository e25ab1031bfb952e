using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Detectors;

/// <summary>
/// <c>overfitting</c>: the training loss keeps falling while the eval loss rises above its minimum for at least as
/// many epochs as the collapse rule asks. Unlike the user's pattern (both losses fall while PESQ falls), this one a
/// loss-based early stop would catch.
/// </summary>
public static class OverfittingDetector
{
    /// <summary>The overfitting finding, if the eval loss rose while the training loss fell.</summary>
    public static DetectorResult Detect(RunData run, DiagnosisContext context)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(context);
        var points = run.Epochs.Where(e => Stats.Finite(e.EvalLoss) is not null && Stats.Finite(e.TrainLoss) is not null).ToList();
        if (points.Count < 3)
        {
            return DetectorResult.Empty;
        }

        // Of equal minima the latest: the rise is measured from where the eval loss last stood at its lowest.
        double lowest = points.Min(e => e.EvalLoss!.Value);
        var best = points.Last(e => e.EvalLoss!.Value == lowest);
        double limit = best.EvalLoss!.Value * (1 + context.Options.OverfitRise);
        var after = points.Where(e => e.Epoch > best.Epoch).ToList();
        int above = after.Count(e => e.EvalLoss > limit);
        var last = points[^1];
        if (after.Count == 0 || above < context.Options.Collapse.Epochs || last.EvalLoss <= limit || last.TrainLoss >= best.TrainLoss)
        {
            return DetectorResult.Empty;
        }

        var evidence = new List<string>
        {
            $"Eval loss was lowest at epoch {best.Epoch} ({Fmt.Num(best.EvalLoss.Value)}) and is {Fmt.Num(last.EvalLoss!.Value)} at epoch " +
            $"{last.Epoch} (+{(last.EvalLoss.Value / best.EvalLoss.Value) - 1:0.0%}); it was above its minimum by more than " +
            $"{context.Options.OverfitRise:0%} in {above} of the {after.Count} epochs since.",
            $"Training loss fell meanwhile: {Fmt.Num(best.TrainLoss!.Value)} → {Fmt.Num(last.TrainLoss!.Value)}.",
        };
        if (run.Source.Kind is LogKind.Text or LogKind.Csv)
        {
            evidence.Add("In the reference the eval loss includes a GAN term scored by a moving discriminator and random crops: " +
                "confirm on a fixed validation set.");
        }

        return DetectorResult.Of(new Finding
        {
            Id = FindingIds.Overfitting,
            Severity = Severity.Warning,
            Title = $"Overfitting: eval loss rising since epoch {best.Epoch} while the training loss falls",
            Evidence = evidence,
            Next = $"Keep the checkpoint selected by eval PESQ on a held-out validation set (around epoch {best.Epoch}), and stop " +
                "early on validation PESQ; more data or augmentation if it repeats.",
        });
    }
}
