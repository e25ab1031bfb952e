using Perceptor.Experiments.Arms;

namespace Perceptor.Experiments;

/// <summary>One training run of an experiment: an arm at one seed.</summary>
/// <param name="Arm">The arm.</param>
/// <param name="Seed">The training seed (<c>train.seed</c>).</param>
/// <param name="Folder">Run folder relative to the experiment folder: <c>&lt;arm&gt;/seed-&lt;s&gt;</c>.</param>
/// <param name="Overrides">Every <c>key=value</c> given to the trainer, in order (later wins).</param>
public sealed record PlannedRun(Arm Arm, long Seed, string Folder, IReadOnlyList<string> Overrides)
{
    /// <summary>Run name as logged: <c>&lt;arm&gt;/seed-&lt;s&gt;</c>.</summary>
    public string Name => Folder;

    /// <summary>The folder name of a seed.</summary>
    public static string SeedFolder(long seed) => $"seed-{seed}";

    /// <summary>Value equality over the override list's contents.</summary>
    public bool Equals(PlannedRun? other) =>
        other is not null && Arm.Equals(other.Arm) && Seed == other.Seed && Folder == other.Folder &&
        Overrides.SequenceEqual(other.Overrides);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Folder, Seed);
}
