namespace Perceptor.Diagnostics.Runs;

/// <summary>
/// Share of the generator's gradient norm coming from each weighted loss term at one sampled step
/// (norm of the term / sum of the norms).
/// </summary>
public sealed record GradSharePoint(int Epoch, long Step, double Ri, double Mag, double Time, double Gan);
