namespace Perceptor.Training.Probes;

/// <summary>One evaluated epoch as the collapse watch sees it: eval PESQ and the epoch's mean training loss.</summary>
public sealed record EpochScore(int Epoch, double Pesq, double TrainLoss);
