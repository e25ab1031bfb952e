namespace Perceptor.Diagnostics.Rescore;

/// <summary>One checkpoint scored on the full test utterances.</summary>
/// <param name="Epoch">The epoch the checkpoint was saved after (from its name, else its position).</param>
/// <param name="Checkpoint">The checkpoint file, as given.</param>
/// <param name="Files">Utterances scored.</param>
/// <param name="Failed">Utterances whose PESQ failed (left out of the means).</param>
/// <param name="Metrics">Mean of each measure of the evaluation table (<c>pesq</c>, <c>csig</c>, <c>cbak</c>,
/// <c>covl</c>, <c>ssnr</c>, <c>stoi</c>, ...), by its lower-case name.</param>
public sealed record RescoredEpoch(int Epoch, string Checkpoint, int Files, int Failed, IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>Mean wide-band PESQ, the series diagnose takes as authoritative eval PESQ.</summary>
    public double? Pesq => Metrics.TryGetValue("pesq", out double p) && double.IsFinite(p) ? p : null;

    /// <summary>Where <see cref="Epoch"/> came from, in words (e.g. <c>name 'CMGAN_epoch_7_0.105'</c>); null when not recorded.</summary>
    public string? EpochBasis { get; init; }
}
