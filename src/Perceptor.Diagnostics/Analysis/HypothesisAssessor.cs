using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Analysis;

/// <summary>Combines the evidence links of all detectors into one verdict per hypothesis.</summary>
public static class HypothesisAssessor
{
    /// <summary>A verdict for each hypothesis of the catalogue (H1-H7) from <paramref name="links"/>.</summary>
    public static IReadOnlyList<HypothesisVerdict> Assess(RunData run, IReadOnlyList<HypothesisLink> links)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(links);
        var result = new List<HypothesisVerdict>();
        foreach (var id in Hypotheses.All.Select(h => h.Number))
        {
            var mine = links.Where(l => l.Hypothesis == id).ToList();
            Verdict verdict = Combine(mine);
            result.Add(new HypothesisVerdict(id, Hypotheses.Title(id), verdict, mine, Note(id, verdict, run)));
        }

        return result;
    }

    /// <summary>The verdict that the links on one hypothesis add up to: support and evidence against make it mixed,
    /// any rule-out without support rules it out, no link at all cannot tell.</summary>
    public static Verdict Combine(IReadOnlyList<HypothesisLink> mine)
    {
        ArgumentNullException.ThrowIfNull(mine);
        bool supports = mine.Any(l => l.Stance == Stance.Supports);
        bool against = mine.Any(l => l.Stance is Stance.Weakens or Stance.RulesOut);
        return mine.Count == 0 ? Verdict.CannotTell
            : supports && against ? Verdict.Mixed
            : supports ? Verdict.Supported
            : mine.Any(l => l.Stance == Stance.RulesOut) ? Verdict.RuledOut
            : against ? Verdict.Weakened
            : Verdict.Open;
    }

    private static string? Note(HypothesisId id, Verdict verdict, RunData run) => (id, verdict) switch
    {
        (HypothesisId.H1, Verdict.CannotTell) => "The log has no discriminator loss to count skipped steps from.",
        (HypothesisId.H2, Verdict.CannotTell) => "The learning rates are not in this log; pass --gen-lr and --disc-lr if you know them.",
        (HypothesisId.H3, Verdict.CannotTell) => "Neither gradient shares nor loss weights are in this log; pass --loss-weights if you know them.",
        (HypothesisId.H4, Verdict.CannotTell) => "The log has no eval numbers.",
        (HypothesisId.H5, _) => "No log records the level PESQ was computed at. PESQ scales both signals together and aligns levels " +
            "itself, so scoring normalised audio is not expected to change the scores; test that property once rather than run an arm.",
        (HypothesisId.H6, Verdict.CannotTell) => "The batch size is not in this log." +
            (run.Source.Kind == LogKind.Text ? " (The reference prints it in its argument dump, if the log kept that line.)" : ""),
        (HypothesisId.H7, Verdict.CannotTell) => "The log has no eval loss beside a training loss, so overtraining cannot be seen; " +
            "rescoring the saved checkpoints (perceptor rescore) shows where full-utterance PESQ peaks.",
        _ => null,
    };
}
