namespace Perceptor.Training.Config;

/// <summary>What the discriminator step does when PESQ cannot score some clips of a batch. CMGAN skips the whole discriminator step when any clip fails (<c>skip-batch</c>).</summary>
public enum PesqFailurePolicy
{
    /// <summary>The reference: any failed clip drops the whole discriminator step, recorded as a skip with its reason.</summary>
    SkipBatch,

    /// <summary>Every clip gets the mean of the valid scores; all failed → skip. Kept for comparison: it erases per-clip information.</summary>
    BatchMean,

    /// <summary>The default: regress only the clips that scored and always keep the (clean, clean) term.</summary>
    Mask,
}
