namespace Perceptor.Training.Data;

/// <summary>A clean file and the noisy file of the same name.</summary>
public sealed record AudioPair(string Name, string CleanPath, string NoisyPath);
