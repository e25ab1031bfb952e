namespace Perceptor.Diagnostics.Report;

/// <summary>A section heading, level 1 (document title) to 4.</summary>
public sealed record HeadingBlock(string Text, int Level) : ReportBlock;
