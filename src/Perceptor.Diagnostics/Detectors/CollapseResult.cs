namespace Perceptor.Diagnostics.Detectors;

/// <summary>The collapse rule's answer for an eval-PESQ history.</summary>
public sealed record CollapseResult
{
    /// <summary>True when a collapse occurred, false when not, null when there is no eval PESQ at all or when the last
    /// evaluated epochs fell at least the drop below the peak but are too few for the rule yet (<see cref="Pending"/>).</summary>
    public bool? Detected { get; init; }

    /// <summary>The peak the first collapse is measured from; without a collapse, the highest PESQ.</summary>
    public int? PeakEpoch { get; init; }

    /// <inheritdoc cref="PeakEpoch"/>
    public double? PeakPesq { get; init; }

    /// <summary>First epoch of the first collapse.</summary>
    public int? OnsetEpoch { get; init; }

    /// <summary>Epoch at which the first collapse met the rule (onset + epochs - 1 evaluated epochs).</summary>
    public int? FiredEpoch { get; init; }

    /// <summary>Last evaluated epoch and its PESQ.</summary>
    public int? FinalEpoch { get; init; }

    /// <inheritdoc cref="FinalEpoch"/>
    public double? FinalPesq { get; init; }

    /// <summary>Training loss at the peak epoch and at the final epoch, where known.</summary>
    public double? TrainLossAtPeak { get; init; }

    /// <inheritdoc cref="TrainLossAtPeak"/>
    public double? TrainLossAtFinal { get; init; }

    /// <summary>Whether the training-loss part of the rule could be checked for the first collapse.</summary>
    public LossCondition? LossCondition { get; init; }

    /// <summary>Every collapse stretch in order (a run can collapse, recover and collapse again).</summary>
    public IReadOnlyList<CollapseEvent> Events { get; init; } = [];

    /// <summary>A drop at the end of the history that the rule cannot confirm yet (too few epochs), or null.</summary>
    public PendingCollapse? Pending { get; init; }

    /// <summary>Evaluated epochs used.</summary>
    public int Epochs { get; init; }

    /// <summary>True when a collapse met the rule exactly at <paramref name="epoch"/>: what an online watch checks after
    /// each eval so that it reports each collapse once.</summary>
    public bool FiredAt(int epoch) => Events.Any(e => e.FiredEpoch == epoch);
}
