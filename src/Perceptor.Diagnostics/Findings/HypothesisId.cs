namespace Perceptor.Diagnostics.Findings;

/// <summary>The candidate causes of the "PESQ collapses while losses fall" pattern, H1-H7 (titles and claims in <see cref="Hypotheses"/>).</summary>
public enum HypothesisId
{
    /// <summary>Discriminator undertrained by skipped steps (a failed PESQ clip drops the batch's targets).</summary>
    H1 = 1,

    /// <summary>Discriminator learning rate too high (2x the generator's in the reference).</summary>
    H2,

    /// <summary>Loss-weight imbalance: the GAN term too weak against the magnitude loss.</summary>
    H3,

    /// <summary>Evaluation noise: eval PESQ on random crops is not comparable between epochs.</summary>
    H4,

    /// <summary>Level/normalisation: PESQ computed on normalised or clipped audio.</summary>
    H5,

    /// <summary>Tiny batches (batch size 1 with instance norm in the discriminator).</summary>
    H6,

    /// <summary>Overtraining: the generator fits the training set past where it generalises (eval loss bottoms out and
    /// rises while the training loss falls, PESQ falls with it); batch 1 and little data make it likelier.</summary>
    H7,
}
