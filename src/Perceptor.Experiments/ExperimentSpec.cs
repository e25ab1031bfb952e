using System.Diagnostics.CodeAnalysis;
using Perceptor.Experiments.Arms;

namespace Perceptor.Experiments;

/// <summary>
/// What an experiment runs: arms × seeds on one corpus, each run in <c>OutDir/&lt;arm&gt;/seed-&lt;s&gt;/</c>.
/// Every arm sees the same data, the same crops and the same seeds; only its own settings differ.
/// </summary>
public sealed record ExperimentSpec : ExperimentSetup
{
    /// <summary>A spec set member by member.</summary>
    public ExperimentSpec()
    {
    }

    /// <summary>The spec of <paramref name="setup"/> with <paramref name="arms"/>.</summary>
    [SetsRequiredMembers]
    public ExperimentSpec(ExperimentSetup setup, IReadOnlyList<Arm> arms)
        : base(setup)
    {
        Arms = arms;
    }

    /// <summary>The arms, baseline first.</summary>
    public required IReadOnlyList<Arm> Arms { get; init; }
}
