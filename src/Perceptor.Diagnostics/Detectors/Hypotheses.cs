namespace Perceptor.Diagnostics.Detectors;

/// <summary>Names and the default word on each hypothesis of product.md.</summary>
public static class Hypotheses
{
    /// <summary>All hypotheses in order.</summary>
    public static IReadOnlyList<HypothesisId> All { get; } =
        [HypothesisId.H1, HypothesisId.H2, HypothesisId.H3, HypothesisId.H4, HypothesisId.H5, HypothesisId.H6];

    /// <summary>A short name of the hypothesis.</summary>
    public static string Title(HypothesisId id) => id switch
    {
        HypothesisId.H1 => "discriminator undertrained by skipped steps",
        HypothesisId.H2 => "discriminator learning rate too high",
        HypothesisId.H3 => "GAN loss weight too weak against the magnitude loss",
        HypothesisId.H4 => "evaluation noise (random eval crops)",
        HypothesisId.H5 => "PESQ level / normalisation",
        HypothesisId.H6 => "tiny batches",
        _ => throw new ArgumentOutOfRangeException(nameof(id)),
    };
}
