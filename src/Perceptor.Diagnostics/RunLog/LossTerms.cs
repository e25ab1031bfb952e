namespace Perceptor.Diagnostics.RunLog;

/// <summary>
/// The generator loss and its terms, each as it enters the total (unweighted term values; the weights are in
/// <see cref="RunStartRecord.LossWeights"/>). Total = ri·w_ri + mag·w_mag + time·w_time + gan·w_gan.
/// </summary>
/// <param name="Total">The weighted sum the generator is trained on.</param>
/// <param name="Ri">MSE of the compressed real and imaginary parts.</param>
/// <param name="Mag">MSE of the compressed magnitudes.</param>
/// <param name="Time">Mean absolute error of the waveforms.</param>
/// <param name="Gan">The generator's metric-GAN term; null when not known (an epoch without a finite step, a log that lacks it).</param>
public sealed record LossTerms(double Total, double Ri, double Mag, double Time, double? Gan);
