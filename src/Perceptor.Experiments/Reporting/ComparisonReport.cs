namespace Perceptor.Experiments.Reporting;

/// <summary>Everything the comparison report shows, before it is rendered.</summary>
public sealed record ComparisonReport
{
    /// <summary>The experiment folder.</summary>
    public required string Directory { get; init; }

    /// <summary>The experiment's manifest, when it has one (gathered cluster folders may not).</summary>
    public ExperimentManifest? Manifest { get; init; }

    /// <summary>Every arm found, baseline first.</summary>
    public required IReadOnlyList<ArmSummary> Arms { get; init; }

    /// <summary>The reference arm, or null when there is none.</summary>
    public ArmSummary? Baseline => Arms.FirstOrDefault(a => a.IsBaseline);

    /// <summary>A verdict per hypothesis (empty without a baseline).</summary>
    public IReadOnlyList<ExperimentVerdict> Verdicts { get; init; } = [];

    /// <summary>Things the reader should know: planned runs not found, unreadable lines, inferred arms.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>What the arms say about the cause of the baseline's collapse (null without an evaluated baseline).</summary>
    public CollapseCause? Cause => CollapseCause.Judge(this);

    /// <summary>The thresholds used for the verdicts.</summary>
    public VerdictOptions Options { get; init; } = new();
}
