namespace Perceptor.Experiments.Reporting;

/// <summary>What an experiment says about a hypothesis.</summary>
public enum VerdictKind
{
    /// <summary>The arm beats the baseline by more than the seed spread and by a meaningful amount.</summary>
    Supported,

    /// <summary>The arm is worse than the baseline by more than the seed spread.</summary>
    Contradicted,

    /// <summary>With the spread this small, any effect is below the smallest difference worth having.</summary>
    NotSupported,

    /// <summary>One seed, a difference within the seed spread, missing runs, or arms that disagree.</summary>
    Inconclusive,

    /// <summary>No arm of the experiment tests it.</summary>
    NotTested,
}
