namespace Perceptor.Diagnostics.Detectors;

/// <summary>Whether the training loss was below its value at the peak during a collapse.</summary>
public enum LossCondition
{
    /// <summary>It was, at every epoch of the stretch where both are known.</summary>
    Met,

    /// <summary>The training loss is not known at the peak or in the stretch.</summary>
    Unknown,
}
