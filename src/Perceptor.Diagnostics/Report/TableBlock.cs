namespace Perceptor.Diagnostics.Report;

/// <summary>A table with a header row; every row has as many cells as the header.</summary>
public sealed record TableBlock(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : ReportBlock;
