namespace Perceptor.Diagnostics.Detectors;

/// <summary>Skipped discriminator steps in one epoch: counted exactly or among the logged steps.</summary>
public sealed record EpochDiscRate(int Epoch, Proportion Skipped);
