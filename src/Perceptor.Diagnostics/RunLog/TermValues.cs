namespace Perceptor.Diagnostics.RunLog;

/// <summary>One number per weighted generator loss term (weights, gradient norms, shares).</summary>
/// <param name="Ri">Real/imaginary MSE term.</param>
/// <param name="Mag">Magnitude MSE term.</param>
/// <param name="Time">Time-domain L1 term.</param>
/// <param name="Gan">Metric-GAN term of the generator.</param>
public sealed record TermValues(double Ri, double Mag, double Time, double Gan);
