namespace Perceptor.Diagnostics.Findings;

/// <summary>How much a finding matters; findings are listed most severe first.</summary>
public enum Severity
{
    /// <summary>Context worth knowing; no action needed on its own.</summary>
    Info = 0,

    /// <summary>Something that can distort training or its monitoring.</summary>
    Warning = 1,

    /// <summary>A failure or a cause strong enough to explain one.</summary>
    Critical = 2,
}
