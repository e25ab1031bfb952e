namespace Perceptor.Training.Rescore;

/// <summary>What <c>perceptor rescore</c> scores, on what, and where it writes.</summary>
public sealed record RescoreRequest
{
    /// <summary>Checkpoint files, folders (a run folder gives its checkpoints) or patterns, in the order given.</summary>
    public required IReadOnlyList<string> Checkpoints { get; init; }

    /// <summary>The data folder; its <c>test/clean</c> and <c>test/noisy</c> are scored.</summary>
    public required string DataDir { get; init; }

    /// <summary>Score only the first N usable test pairs in natural order (0: all).</summary>
    public int MaxFiles { get; init; }

    /// <summary>The output folder; null: <see cref="RescoreRunner.DefaultOutput"/>.</summary>
    public string? OutDirectory { get; init; }

    /// <summary>Threads for the generator (torch) and for scoring; 0: every core.</summary>
    public int Threads { get; init; }

    /// <summary>cpu, cuda or cuda:N.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Longest piece the generator sees at once (the reference's 16 s).</summary>
    public double ChunkSeconds { get; init; } = 16.0;
}
