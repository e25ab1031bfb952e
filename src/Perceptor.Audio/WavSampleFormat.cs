namespace Perceptor.Audio;

/// <summary>Sample formats <see cref="WavFile.Write"/> can produce.</summary>
public enum WavSampleFormat
{
    /// <summary>16-bit signed integer PCM (rounded, saturated).</summary>
    Pcm16,

    /// <summary>32-bit IEEE float.</summary>
    Float32,
}
