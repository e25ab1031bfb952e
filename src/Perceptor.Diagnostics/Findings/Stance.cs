namespace Perceptor.Diagnostics.Findings;

/// <summary>What a piece of evidence says about a hypothesis.</summary>
public enum Stance
{
    /// <summary>The evidence points to the hypothesis.</summary>
    Supports,

    /// <summary>The evidence argues against it without excluding it.</summary>
    Weakens,

    /// <summary>The evidence excludes it (as stated).</summary>
    RulesOut,

    /// <summary>Relevant, but this evidence cannot decide it; an experiment can.</summary>
    Open,
}
