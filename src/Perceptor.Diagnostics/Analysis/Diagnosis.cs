using Perceptor.Diagnostics.Detectors;
using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Analysis;

/// <summary>Everything <c>diagnose</c> concluded about one run.</summary>
public sealed record Diagnosis
{
    /// <summary>The run as read.</summary>
    public required RunData Run { get; init; }

    /// <summary>The options used.</summary>
    public required DiagnosisOptions Options { get; init; }

    /// <summary>Findings, most severe first.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>The collapse rule's answer.</summary>
    public required CollapseResult Collapse { get; init; }

    /// <summary>Discriminator accounting.</summary>
    public required DiscAccounting Disc { get; init; }

    /// <summary>The batch size as stated or as the step counters bound it.</summary>
    public BatchEvidence? Batch { get; init; }

    /// <summary>A verdict on each hypothesis H1-H7.</summary>
    public required IReadOnlyList<HypothesisVerdict> Hypotheses { get; init; }

    /// <summary>What this log cannot tell, in plain words.</summary>
    public required IReadOnlyList<string> CannotTell { get; init; }
}
