namespace Perceptor.Training.Rescore;

/// <summary>One checkpoint of a rescore, with its epoch and where that number came from.</summary>
/// <param name="Path">The checkpoint file.</param>
/// <param name="Epoch">Its epoch in the series.</param>
/// <param name="Basis">Where <paramref name="Epoch"/> came from.</param>
/// <param name="BasisDetail">The same in words (e.g. <c>name 'CMGAN_epoch_7_0.105'</c>).</param>
public sealed record RescoreCheckpoint(string Path, int Epoch, EpochBasis Basis, string BasisDetail)
{
    /// <summary>SHA-256 of the file's bytes (lower-case hex): the cache key, and how copies of one file are told apart from different files.</summary>
    public string Sha256 { get; init; } = "";
}
