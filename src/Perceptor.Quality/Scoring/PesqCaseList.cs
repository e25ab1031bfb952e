namespace Perceptor.Quality.Scoring;

/// <summary>The cases read from a case file, and the rows that could not be read or repeat an id, by line.</summary>
public sealed record PesqCaseList(IReadOnlyList<PesqCase> Cases, IReadOnlyList<PesqCaseProblem> Problems);
