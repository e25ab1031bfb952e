namespace Perceptor.Diagnostics.Rescore;

/// <summary>
/// A series of checkpoints rescored on the same full test utterances (<c>perceptor rescore</c>): the authoritative
/// eval PESQ per epoch, free of random-crop noise, with the noisy input's row for reference.
/// </summary>
/// <param name="Source">The file it was read from.</param>
/// <param name="Data">The data folder scored.</param>
/// <param name="Epochs">One entry per checkpoint, by epoch.</param>
/// <param name="Noisy">The noisy input's means on the same utterances, where scored.</param>
public sealed record RescoreSeries(string Source, string? Data, IReadOnlyList<RescoredEpoch> Epochs, IReadOnlyDictionary<string, double>? Noisy)
{
    /// <summary>Checkpoints that could not be scored, each one line naming the file and the problem (written, not needed to read).</summary>
    public IReadOnlyList<string> Failures { get; init; } = [];

    /// <summary>The noisy input's PESQ, where scored.</summary>
    public double? NoisyPesq => Noisy is not null && Noisy.TryGetValue("pesq", out double p) && double.IsFinite(p) ? p : null;
}
