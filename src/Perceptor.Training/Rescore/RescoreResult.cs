using Perceptor.Diagnostics.Rescore;

namespace Perceptor.Training.Rescore;

/// <summary>The outcome of a rescore: every checkpoint's outcome, the noisy input's row, the series written and the files.</summary>
public sealed record RescoreResult
{
    /// <summary>The output folder.</summary>
    public required string OutDirectory { get; init; }

    /// <summary>The utterances scored.</summary>
    public required RescoreData Data { get; init; }

    /// <summary>One outcome per checkpoint, in the order resolved.</summary>
    public required IReadOnlyList<CheckpointOutcome> Checkpoints { get; init; }

    /// <summary>Checkpoints asked for (more than <see cref="Checkpoints"/> holds when cancelled before the last).</summary>
    public int Requested { get; init; }

    /// <summary>The noisy input's rows (null when the run was cancelled before they were scored).</summary>
    public CachedScore? Noisy { get; init; }

    /// <summary>The series written to rescore.json / rescore.csv (null when no checkpoint was scored).</summary>
    public RescoreSeries? Series { get; init; }

    /// <summary>Files written (summary files and plots; the cache entries are not listed).</summary>
    public IReadOnlyList<string> Written { get; init; } = [];

    /// <summary>True when cancelled; what was finished is kept in the cache.</summary>
    public bool Cancelled { get; init; }

    /// <summary>0 every checkpoint and file scored; 1 some failed (named), the rest written; 130 cancelled.</summary>
    public int ExitCode => Cancelled ? 130
        : Checkpoints.Any(c => c.Error is not null || c.FileProblems.Any()) || Data.Warnings.Count > 0 ? 1 : 0;
}
