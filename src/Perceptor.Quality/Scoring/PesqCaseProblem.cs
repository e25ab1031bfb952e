namespace Perceptor.Quality.Scoring;

/// <summary>A case-file row that was not read as asked (malformed, or a repeated id), by file and 1-based line.</summary>
public sealed record PesqCaseProblem(string File, int Line, string Message)
{
    /// <summary><c>FILE, line N: message</c>.</summary>
    public override string ToString() => $"{File}, line {Line}: {Message}";
}
