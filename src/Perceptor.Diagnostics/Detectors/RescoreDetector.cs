using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Detectors;

/// <summary>
/// <c>rescored</c>: where eval PESQ comes from a rescore of the checkpoints on full utterances, whether the collapse
/// the log itself shows (on its random crops) is real, and which epoch to keep. A collapse that holds on full
/// utterances rules out eval noise (H4); one that disappears there was eval noise; one the log did not show was hidden
/// by it.
/// </summary>
public static class RescoreDetector
{
    /// <summary>The rescore finding, when the run's eval PESQ was rescored.</summary>
    public static DetectorResult Detect(RunData run, DiagnosisContext context)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(context);
        if (!run.Epochs.Any(e => e.LogPesq is not null) && context.Options.Rescored is null)
        {
            return DetectorResult.Empty;
        }

        var rescored = run.Epochs.Where(e => Stats.Finite(e.EvalPesq) is not null).ToList();
        if (rescored.Count == 0)
        {
            return DetectorResult.Empty;
        }

        var logHistory = run.Epochs.Where(e => Stats.Finite(e.LogPesq) is not null)
            .Select(e => (e.Epoch, e.LogPesq!.Value, Stats.Finite(e.TrainLoss))).ToList();
        var logCollapse = CollapseRule.Evaluate(logHistory, context.Options.Collapse);
        var full = context.Collapse;
        var best = rescored.MaxBy(e => e.EvalPesq!.Value)!;
        var last = rescored[^1];
        var evidence = new List<string>
        {
            $"Full-utterance PESQ of {rescored.Count} checkpoints: best {Fmt.Pesq(best.EvalPesq!.Value)} at epoch {best.Epoch}, " +
            $"{Fmt.Pesq(last.EvalPesq!.Value)} at epoch {last.Epoch}" +
            (best.NoisyPesq is { } noisy ? $" (noisy input {Fmt.Pesq(noisy)})." : "."),
            logCollapse.Detected switch
            {
                true => $"The log's own eval PESQ collapsed: {Fmt.Pesq(logCollapse.PeakPesq!.Value)} at epoch {logCollapse.PeakEpoch}, onset " +
                    $"epoch {logCollapse.OnsetEpoch}, {Fmt.Pesq(logCollapse.FinalPesq!.Value)} at epoch {logCollapse.FinalEpoch}.",
                false => $"The log's own eval PESQ did not collapse (peak {Fmt.Pesq(logCollapse.PeakPesq!.Value)} at epoch {logCollapse.PeakEpoch}).",
                _ => "The log has no eval PESQ of its own (or its drop is not confirmed).",
            },
        };
        var pairs = run.Epochs.Where(e => Stats.Finite(e.LogPesq) is not null && Stats.Finite(e.EvalPesq) is not null).ToList();
        if (pairs.Count >= 2)
        {
            double? gap = Stats.Median(pairs.Select(e => e.LogPesq!.Value - e.EvalPesq!.Value));
            evidence.Add($"Where both exist ({pairs.Count} epochs) the log's PESQ differs from the full-utterance PESQ by a median " +
                $"{(gap >= 0 ? "+" : "")}{Fmt.Pesq(gap!.Value)}.");
        }

        HypothesisLink? h4 = (logCollapse.Detected, full.Detected) switch
        {
            (true, true) => new HypothesisLink(HypothesisId.H4, Stance.RulesOut,
                $"the collapse holds on full utterances (rescored: {Fmt.Pesq(full.PeakPesq!.Value)} at epoch {full.PeakEpoch} → " +
                $"{Fmt.Pesq(full.FinalPesq!.Value)} at epoch {full.FinalEpoch}): it is not eval crop noise"),
            (true, false) => new HypothesisLink(HypothesisId.H4, Stance.Supports,
                "the log's collapse is gone on full utterances: it came from the eval material, not the model"),
            (false, true) => new HypothesisLink(HypothesisId.H4, Stance.Supports,
                "full utterances show a collapse the log's eval did not: the log's eval material hid it"),
            (_, true) => new HypothesisLink(HypothesisId.H4, Stance.RulesOut,
                "the collapse is measured on the same full utterances for every checkpoint, so it is not eval crop noise"),
            _ => null,
        };
        string real = (logCollapse.Detected, full.Detected) switch
        {
            (true, true) => "The collapse the log shows is real on full utterances",
            (true, false) => "The collapse the log shows is not real on full utterances",
            (false or null, true) => "Full utterances show a collapse",
            _ => "No collapse on full utterances",
        };
        return DetectorResult.Of(new Finding
        {
            Id = FindingIds.Rescored,
            Severity = full.Detected == true ? Severity.Warning : Severity.Info,
            Title = $"{real}; keep the epoch-{best.Epoch} checkpoint (full-utterance PESQ {Fmt.Pesq(best.EvalPesq.Value)})",
            Evidence = evidence,
            Next = full.Detected == true
                ? $"Use the epoch-{best.Epoch} checkpoint, and test the causes with arms started from it (perceptor experiment): " +
                  "overtraining (batch size, generator LR, data), then the discriminator hypotheses."
                : $"Use the epoch-{best.Epoch} checkpoint; select checkpoints by full-utterance PESQ from now on.",
            Hypotheses = h4 is null ? [] : [h4],
        });
    }
}
