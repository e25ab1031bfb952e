namespace Perceptor.Diagnostics.Report;

/// <summary>A bulleted list of plain-text items.</summary>
public sealed record ListBlock(IReadOnlyList<string> Items) : ReportBlock;
