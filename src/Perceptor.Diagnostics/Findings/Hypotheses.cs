namespace Perceptor.Diagnostics.Findings;

/// <summary>
/// The one catalogue of hypotheses H1-H7 for "PESQ collapses while the losses fall": titles, claims, which arms test each and which configuration keys
/// bear on each. The diagnosis of a log, the comparison of several logs and the experiment verdicts all read it.
/// </summary>
public static class Hypotheses
{
    /// <summary>Discriminator undertrained because failed PESQ clips make it skip whole batches.</summary>
    public static Hypothesis H1 { get; } = new(HypothesisId.H1, "discriminator undertrained by skipped steps",
        "never skipping the discriminator step (per-clip mask, batch-mean targets, or crops that hold speech) keeps PESQ from collapsing",
        "arms mask, batch-mean or speech-crops against the skip-batch baseline");

    /// <summary>Discriminator learning rate too high.</summary>
    public static Hypothesis H2 { get; } = new(HypothesisId.H2, "discriminator learning rate too high",
        "a lower discriminator learning rate keeps its predictions calibrated and PESQ from collapsing",
        "an arm disc-lr=<rate> (e.g. disc-lr=5e-4, or disc-lr=gen for the generator's rate)");

    /// <summary>Loss weights: the GAN term too weak against the magnitude loss.</summary>
    public static Hypothesis H3 { get; } = new(HypothesisId.H3, "GAN loss weight too weak against the magnitude loss",
        "a larger GAN weight keeps the generator on PESQ instead of drifting to a magnitude-optimal, PESQ-poor output",
        "arms gan-weight=0.2 or gan-weight=0.3");

    /// <summary>Evaluation noise.</summary>
    public static Hypothesis H4 { get; } = new(HypothesisId.H4, "evaluation noise (random eval crops)",
        "epoch-to-epoch PESQ changes come from random evaluation crops, not from the model",
        "an arm that changes eval.method, or rescoring the saved checkpoints on the full test utterances (perceptor rescore); " +
        "Perceptor evaluates deterministically by default, which already rules out crop noise");

    /// <summary>Level or normalisation of the audio PESQ sees.</summary>
    public static Hypothesis H5 { get; } = new(HypothesisId.H5, "PESQ level / normalisation of the scored audio",
        "PESQ computed on normalised or clipped audio differs from PESQ at the true level",
        "no training arm: PESQ is level-invariant by construction (a common gain cancels), which the PESQ tests check");

    /// <summary>Tiny batches.</summary>
    public static Hypothesis H6 { get; } = new(HypothesisId.H6, "tiny batches",
        "batch size 1 makes discriminator training unstable",
        "an arm batch-size=<n> (e.g. batch-size=1 against the baseline's 4)");

    /// <summary>Overtraining: the generator fits the training set past the point where it generalises.</summary>
    public static Hypothesis H7 { get; } = new(HypothesisId.H7, "overtraining",
        "eval loss bottoms out and rises while the training loss keeps falling, and eval PESQ falls with it; fewer updates per " +
        "epoch, a lower generator learning rate or more data delay or remove the collapse, and the checkpoint kept by " +
        "full-utterance PESQ is the one to use",
        "arms batch-size=4 (a quarter of the updates per epoch of batch 1), a lower generator learning rate, more training " +
        "data, or early stop / best checkpoint by full-utterance PESQ");

    /// <summary>All of them, in order.</summary>
    public static IReadOnlyList<Hypothesis> All { get; } = [H1, H2, H3, H4, H5, H6, H7];

    /// <summary>The entry of <paramref name="id"/>.</summary>
    public static Hypothesis Get(HypothesisId id) =>
        All.FirstOrDefault(h => h.Number == id) ?? throw new ArgumentOutOfRangeException(nameof(id));

    /// <summary>A short name of the hypothesis.</summary>
    public static string Title(HypothesisId id) => Get(id).Title;

    /// <summary>The hypothesis with id <paramref name="id"/> (<c>H1</c>, case-insensitive), or null.</summary>
    public static Hypothesis? Find(string id) =>
        All.FirstOrDefault(h => string.Equals(h.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The hypotheses a configuration key bears on: <c>pesq.failures</c> and <c>data.*</c> crop keys on H1,
    /// <c>optim.discLr</c> on H2, the loss weights on H3, <c>eval.*</c> on H4, <c>train.batchSize</c> on H6 and H7
    /// (batch 1 is both a tiny batch and four times the updates per epoch of batch 4), the generator's learning rate and
    /// the amount of training data on H7.
    /// </summary>
    public static IReadOnlyList<Hypothesis> ForKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        string k = key.Trim().ToLowerInvariant();
        return k switch
        {
            "pesq.failures" or "data.speechawarecrops" or "data.minspeechfraction" or "data.cropattempts" => [H1],
            "optim.disclr" => [H2],
            "loss.ganweight" or "loss.magweight" or "loss.riweight" or "loss.timeweight" => [H3],
            "train.batchsize" => [H6, H7],
            "optim.genlr" or "data.maxtrainfiles" or "data.trainfiles" or "data.maxfiles" => [H7],
            _ when k.StartsWith("eval.", StringComparison.Ordinal) => [H4],
            _ => [],
        };
    }
}
