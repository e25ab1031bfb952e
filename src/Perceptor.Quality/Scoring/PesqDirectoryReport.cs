namespace Perceptor.Quality.Scoring;

/// <summary>
/// The result of scoring two folders: one outcome per matched file name (sorted by name), the names found in only
/// one of the folders, and the summary.
/// </summary>
public sealed record PesqDirectoryReport(
    IReadOnlyList<PesqFileOutcome> Outcomes,
    IReadOnlyList<string> MissingDegraded,
    IReadOnlyList<string> MissingReference)
{
    /// <summary>Mean, count and failures by kind over <see cref="Outcomes"/>.</summary>
    public PesqSummary Summary { get; } = PesqSummary.Of(Outcomes);
}
