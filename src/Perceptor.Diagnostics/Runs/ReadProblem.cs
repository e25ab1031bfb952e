namespace Perceptor.Diagnostics.Runs;

/// <summary>A line of a log that could not be used, and why.</summary>
/// <param name="Line">1-based line number in the source, or null for a problem with the whole file.</param>
/// <param name="Message">What is wrong with it, in words a user can act on.</param>
public sealed record ReadProblem(int? Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Line is { } line
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line {line}: {Message}")
        : Message;
}
