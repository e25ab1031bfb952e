namespace Perceptor.Experiments;

/// <summary>A run as recorded in <c>experiment.json</c>; its status changes as the experiment proceeds.</summary>
public sealed class ManifestRun
{
    /// <summary>Arm name.</summary>
    public required string Arm { get; init; }

    /// <summary>Training seed.</summary>
    public long Seed { get; init; }

    /// <summary>Run folder relative to the experiment folder.</summary>
    public required string Folder { get; init; }

    /// <summary>Every override handed to the trainer.</summary>
    public required IReadOnlyList<string> Overrides { get; init; }

    /// <summary>Current status.</summary>
    public RunStatus Status { get; set; }

    /// <summary>How many times the run was started or resumed.</summary>
    public int Attempts { get; set; }

    /// <summary>When the last attempt started.</summary>
    public DateTimeOffset? Started { get; set; }

    /// <summary>When the run last ended (any way).</summary>
    public DateTimeOffset? Ended { get; set; }

    /// <summary>Why it failed or stopped, in words; null otherwise.</summary>
    public string? Message { get; set; }
}
