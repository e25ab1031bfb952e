using Perceptor.Diagnostics.RunLog;

namespace Perceptor.Training.Step;

/// <summary>The generator's part of an iteration.</summary>
/// <param name="GradNorm">Gradient norm before clipping; null when the loss or the gradient was not finite and no update was made.</param>
/// <param name="Balance">Gradient norms of the weighted loss terms when the loss-balance probe ran.</param>
internal sealed record GeneratorUpdate(double? GradNorm, TermValues? Balance);
