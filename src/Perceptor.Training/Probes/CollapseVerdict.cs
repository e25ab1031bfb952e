namespace Perceptor.Training.Probes;

/// <summary>A collapse: eval PESQ at least the configured drop below its peak for the configured epochs while training loss fell.</summary>
public sealed record CollapseVerdict(int Epoch, int PeakEpoch, double PeakPesq, double Pesq, double Drop);
