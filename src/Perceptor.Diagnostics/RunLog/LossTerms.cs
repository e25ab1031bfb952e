namespace Perceptor.Diagnostics.RunLog;

/// <summary>
/// The generator loss and its terms, each as it enters the total (unweighted term values; the weights are in
/// <see cref="RunStartRecord.LossWeights"/>). Total = ri·w_ri + mag·w_mag + time·w_time + gan·w_gan.
/// </summary>
public sealed record LossTerms(double Total, double Ri, double Mag, double Time, double? Gan);
