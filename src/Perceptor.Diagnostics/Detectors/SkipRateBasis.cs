namespace Perceptor.Diagnostics.Detectors;

/// <summary>How the skip rate (or saturated share) was obtained.</summary>
public enum SkipRateBasis
{
    /// <summary>Every step counted: the rate is exact.</summary>
    Exact,

    /// <summary>Estimated from a sample of logged steps, with a 95 % interval.</summary>
    Sample,

    /// <summary>Only bounds follow from the log (epoch averages, or ambiguous zeros).</summary>
    Bounds,

    /// <summary>The log says nothing about it.</summary>
    Unknown,
}
