namespace Perceptor.Experiments.Arms;

/// <summary>
/// One arm of an experiment: a name, what it changes against the reference (<c>key=value</c> configuration
/// overrides, empty for the baseline) and the hypotheses those changes test.
/// </summary>
/// <param name="Name">Folder-safe name, e.g. <c>baseline</c>, <c>mask</c>, <c>disc-lr=5e-4</c>.</param>
/// <param name="Description">What the arm does, in words.</param>
/// <param name="Settings">Overrides applied on top of the reference and the experiment-wide settings.</param>
/// <param name="HypothesisIds">Ids of the hypotheses the arm tests (empty for the baseline and for unrelated keys).</param>
public sealed record Arm(string Name, string Description, IReadOnlyList<string> Settings, IReadOnlyList<string> HypothesisIds)
{
    /// <summary>Name of the reference arm every other arm is compared with.</summary>
    public const string BaselineName = "baseline";

    /// <summary>True for the reference arm.</summary>
    public bool IsBaseline => Name == BaselineName;

    /// <summary>Value equality over the lists' contents (records compare lists by reference).</summary>
    public bool Equals(Arm? other) =>
        other is not null && Name == other.Name && Description == other.Description &&
        Settings.SequenceEqual(other.Settings) && HypothesisIds.SequenceEqual(other.HypothesisIds);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Settings.Count);
}
