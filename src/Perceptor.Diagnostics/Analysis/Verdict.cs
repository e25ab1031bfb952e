namespace Perceptor.Diagnostics.Analysis;

/// <summary>Where the evidence of one log leaves a hypothesis.</summary>
public enum Verdict
{
    /// <summary>Evidence points to it and none against.</summary>
    Supported,

    /// <summary>Evidence for and against.</summary>
    Mixed,

    /// <summary>Evidence argues against it without excluding it.</summary>
    Weakened,

    /// <summary>Evidence excludes it as stated.</summary>
    RuledOut,

    /// <summary>Relevant evidence exists but cannot decide; an experiment can.</summary>
    Open,

    /// <summary>The log holds nothing that bears on it.</summary>
    CannotTell,
}
