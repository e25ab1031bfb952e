namespace Perceptor.Diagnostics.Findings;

/// <summary>
/// What a detector concluded from a log: a stable id (see <see cref="FindingIds"/>), how much it matters, the
/// numbers it rests on, the next experiment to run, and how it bears on the hypotheses H1-H7.
/// </summary>
public sealed record Finding
{
    /// <summary>Stable identifier, e.g. <c>pesq-collapse</c>.</summary>
    public required string Id { get; init; }

    /// <summary>How much it matters.</summary>
    public required Severity Severity { get; init; }

    /// <summary>One line saying what was found.</summary>
    public required string Title { get; init; }

    /// <summary>The numbers from the log behind it, one statement each.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    /// <summary>The next experiment or check to run.</summary>
    public required string Next { get; init; }

    /// <summary>Hypotheses it supports, weakens, rules out or leaves open.</summary>
    public IReadOnlyList<HypothesisLink> Hypotheses { get; init; } = [];
}
