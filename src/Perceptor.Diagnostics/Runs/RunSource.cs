namespace Perceptor.Diagnostics.Runs;

/// <summary>Where a run's numbers came from and what that source can and cannot tell.</summary>
public sealed record RunSource
{
    /// <summary>The file read.</summary>
    public required string Path { get; init; }

    /// <summary>Its kind.</summary>
    public required LogKind Kind { get; init; }

    /// <summary>A short description of the format recognised.</summary>
    public required string Description { get; init; }

    /// <summary>Lines read.</summary>
    public int Lines { get; init; }

    /// <summary>For CSV logs: which column fed which quantity.</summary>
    public IReadOnlyDictionary<string, string> ColumnsUsed { get; init; } = new Dictionary<string, string>();

    /// <summary>For CSV logs: columns present but not used.</summary>
    public IReadOnlyList<string> ColumnsIgnored { get; init; } = [];

    /// <summary>How skipped discriminator steps can be recognised.</summary>
    public SkipEvidence SkipEvidence { get; init; }

    /// <summary>Whether eval numbers of different epochs are comparable.</summary>
    public EvalComparability EvalComparability { get; init; }

    /// <summary>Why <see cref="EvalComparability"/> has its value.</summary>
    public string EvalComparabilityReason { get; init; } = "";

    /// <summary>What this source can and cannot tell, in plain words.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Lines that could not be used.</summary>
    public IReadOnlyList<ReadProblem> Problems { get; init; } = [];
}
