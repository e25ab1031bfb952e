namespace Perceptor.Training.Step;

/// <summary>The discriminator's part of an iteration: a step with its loss and gradient norm, or a skip with its reason.</summary>
/// <param name="Loss">Loss of the step taken; null when skipped.</param>
/// <param name="GradNorm">Gradient norm before clipping of the step taken; null when skipped.</param>
/// <param name="SkipReason"><c>pesq_failed</c>, <c>pesq_all_failed</c>, <c>nonfinite_loss</c> or <c>nonfinite_gradient</c>; null when it stepped.</param>
/// <param name="Nonfinite">True when the skip is a dropped non-finite loss or gradient.</param>
internal sealed record DiscriminatorUpdate(double? Loss, double? GradNorm, string? SkipReason, bool Nonfinite)
{
    /// <summary>The loss was not finite (its own or the generator's): no update.</summary>
    public const string NonfiniteLoss = "nonfinite_loss";

    /// <summary>The gradient was not finite (its own or the generator's): no update.</summary>
    public const string NonfiniteGradient = "nonfinite_gradient";

    /// <summary>A step was taken.</summary>
    public static DiscriminatorUpdate Taken(double loss, double gradNorm) => new(loss, gradNorm, null, false);

    /// <summary>No step, for <paramref name="reason"/>.</summary>
    public static DiscriminatorUpdate Skipped(string reason, bool nonfinite) => new(null, null, reason, nonfinite);
}
