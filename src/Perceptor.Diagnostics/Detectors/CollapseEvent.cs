namespace Perceptor.Diagnostics.Detectors;

/// <summary>One stretch of epochs during which eval PESQ stayed well below its running peak.</summary>
/// <param name="PeakEpoch">Epoch of the running peak the drop is measured from.</param>
/// <param name="PeakPesq">PESQ at that peak.</param>
/// <param name="OnsetEpoch">First epoch of the stretch.</param>
/// <param name="FiredEpoch">Epoch at which the stretch reached the required length (an online watch fires here).</param>
/// <param name="LastEpoch">Last epoch of the stretch.</param>
/// <param name="LowestPesq">Lowest PESQ within the stretch.</param>
/// <param name="EndedBy">Why the stretch ended: null while it lasts to the end of the log; otherwise
/// <c>recovered</c> (PESQ came back within the drop of the peak) or <c>loss-rose</c> (training loss rose above its
/// value at the peak).</param>
/// <param name="EndEpoch">The epoch that ended it, if it ended.</param>
public sealed record CollapseEvent(
    int PeakEpoch, double PeakPesq, int OnsetEpoch, int FiredEpoch, int LastEpoch, double LowestPesq, string? EndedBy,
    int? EndEpoch)
{
    /// <summary>Whether the training-loss part of the rule could be checked at every epoch of this stretch.</summary>
    public LossCondition LossCondition { get; init; } = LossCondition.Met;
}
