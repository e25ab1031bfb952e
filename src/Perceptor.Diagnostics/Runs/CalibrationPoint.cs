namespace Perceptor.Diagnostics.Runs;

/// <summary>
/// Discriminator calibration after an epoch: Perceptor's probe on fixed clips, or the <c>[DISC CHECK]</c> lines
/// a patched reference trainer can print (means only: no MAE or correlation).
/// </summary>
/// <param name="Epoch">The epoch it was measured after.</param>
/// <param name="Clips">Probe clips scored, where known.</param>
/// <param name="DCleanClean">Mean D(clean, clean); a calibrated discriminator gives about 1.</param>
/// <param name="DCleanEnhanced">Mean D(clean, enhanced).</param>
/// <param name="PesqNorm">Mean (PESQ - 1)/3.5 of the same enhanced clips (the discriminator's target).</param>
/// <param name="Mae">Mean absolute error of D(clean, enhanced) against the normalised PESQ, per clip.</param>
/// <param name="Pearson">Correlation of D(clean, enhanced) with the normalised PESQ over the clips.</param>
public sealed record CalibrationPoint(
    int Epoch, int? Clips, double DCleanClean, double DCleanEnhanced, double? PesqNorm, double? Mae, double? Pearson);
