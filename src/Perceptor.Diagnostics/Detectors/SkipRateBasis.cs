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

    /// <summary>Estimated from zeros printed with fixed decimals, read as skips because no logged loss comes near the
    /// rounding step; the bounds allow for real losses that rounded to zero.</summary>
    Estimate,

    /// <summary>The log says nothing about it.</summary>
    Unknown,
}
