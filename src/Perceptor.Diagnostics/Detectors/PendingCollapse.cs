namespace Perceptor.Diagnostics.Detectors;

/// <summary>
/// The last evaluated epochs sit at least the collapse drop below the running peak (with the training loss below its
/// value there), but fewer of them than the collapse rule asks: a collapse that cannot be confirmed yet.
/// </summary>
/// <param name="PeakEpoch">Epoch of the running peak.</param>
/// <param name="PeakPesq">PESQ at the peak.</param>
/// <param name="OnsetEpoch">First epoch of the drop.</param>
/// <param name="Epochs">Evaluated epochs in the drop so far.</param>
/// <param name="LowestPesq">Lowest PESQ in the drop.</param>
public sealed record PendingCollapse(int PeakEpoch, double PeakPesq, int OnsetEpoch, int Epochs, double LowestPesq);
