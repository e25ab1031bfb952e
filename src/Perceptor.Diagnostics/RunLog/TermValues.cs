namespace Perceptor.Diagnostics.RunLog;

/// <summary>One number per weighted generator loss term (weights, gradient norms, shares).</summary>
public sealed record TermValues(double Ri, double Mag, double Time, double Gan);
