namespace Perceptor.Diagnostics.Runs;

/// <summary>How a log lets a skipped discriminator step be told apart from a trained one.</summary>
public enum SkipEvidence
{
    /// <summary>Every logged step says whether the discriminator stepped (Perceptor's <c>disc_skipped</c>).</summary>
    Explicit,

    /// <summary>
    /// The reference code returns a discriminator loss of exactly 0.0 for a skipped step, so an exact zero marks a
    /// skip and any non-zero value, however small, a real update.
    /// </summary>
    ExactZero,

    /// <summary>Nothing in the log separates skipped steps from trained ones (e.g. only epoch averages).</summary>
    None,
}
