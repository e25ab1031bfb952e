namespace Perceptor.Diagnostics.RunLog;

/// <summary>The records of a run log in file order, and the lines that could not be read.</summary>
public sealed record RunLogContent(IReadOnlyList<RunRecord> Records, IReadOnlyList<string> Problems)
{
    /// <summary>Records of one type, in file order.</summary>
    public IEnumerable<T> OfType<T>() where T : RunRecord => Records.OfType<T>();
}
