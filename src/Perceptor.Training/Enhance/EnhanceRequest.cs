using Perceptor.Audio;

namespace Perceptor.Training.Enhance;

/// <summary>What to enhance with which checkpoint, and how to write the results.</summary>
public sealed record EnhanceRequest
{
    /// <summary>A checkpoint written by the trainer (<c>best.ckpt</c> or <c>last.ckpt</c>).</summary>
    public required string Checkpoint { get; init; }

    /// <summary>A WAV file, or a folder whose <c>*.wav</c> files are enhanced.</summary>
    public required string Input { get; init; }

    /// <summary>The output file (for a file input) or folder (for a folder input, or an existing folder).</summary>
    public required string Output { get; init; }

    /// <summary>cpu, cuda or cuda:N.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Longest piece the generator sees at once (reference 16 s); lower it to save memory on long files.</summary>
    public double ChunkSeconds { get; init; } = 16.0;

    /// <summary>Rate of the written files (default: each input's own rate).</summary>
    public OutputRate Rate { get; init; } = OutputRate.Input;

    /// <summary>Sample format of the written files (default float 32, which never clips).</summary>
    public WavSampleFormat Format { get; init; } = WavSampleFormat.Float32;
}
