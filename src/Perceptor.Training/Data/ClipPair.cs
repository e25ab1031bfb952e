namespace Perceptor.Training.Data;

/// <summary>A clean and a noisy signal of equal length at 16 kHz, with the name of the pair.</summary>
public sealed record ClipPair(string Name, float[] Clean, float[] Noisy)
{
    /// <summary>Samples in each signal.</summary>
    public int Length => Clean.Length;
}
