namespace Perceptor.Diagnostics.Report;

/// <summary>An image with a caption (Markdown links the PNG file; HTML embeds it).</summary>
public sealed record FigureBlock(ReportImage Image, string Caption) : ReportBlock;
