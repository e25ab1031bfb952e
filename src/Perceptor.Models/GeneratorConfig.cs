namespace Perceptor.Models;

/// <summary>
/// Size of the CMGAN generator. Defaults are the paper's (64 channels, 4 TS-Conformer blocks, 201 frequency bins).
/// Every size is a value here, never a code change.
/// </summary>
public sealed record GeneratorConfig
{
    /// <summary>Channels C of the encoder, conformers and decoders.</summary>
    public int Channels { get; init; } = 64;

    /// <summary>Number of two-stage (time, frequency) conformer blocks.</summary>
    public int ConformerBlocks { get; init; } = 4;

    /// <summary>Layers of each dilated dense block.</summary>
    public int DenseDepth { get; init; } = 4;

    /// <summary>Frequency bins F of the input spectrum (n_fft/2 + 1).</summary>
    public int FrequencyBins { get; init; } = 201;
}
