using Perceptor.Diagnostics.RunLog;

namespace Perceptor.Training.Step;

/// <summary>The discriminator's part of an iteration: a step with its loss and gradient norm, or a skip with its reason.</summary>
/// <param name="Loss">Loss of the step taken; null when skipped.</param>
/// <param name="GradNorm">Gradient norm before clipping of the step taken; null when skipped.</param>
/// <param name="SkipReason">Why no step was taken; null when it stepped.</param>
internal sealed record DiscriminatorUpdate(double? Loss, double? GradNorm, DiscSkipReason? SkipReason)
{
    /// <summary>True when the skip is a dropped non-finite loss or gradient.</summary>
    public bool Nonfinite => SkipReason is DiscSkipReason.NonfiniteLoss or DiscSkipReason.NonfiniteGradient;

    /// <summary>A step was taken.</summary>
    public static DiscriminatorUpdate Taken(double loss, double gradNorm) => new(loss, gradNorm, null);

    /// <summary>No step, for <paramref name="reason"/>.</summary>
    public static DiscriminatorUpdate Skipped(DiscSkipReason reason) => new(null, null, reason);
}
