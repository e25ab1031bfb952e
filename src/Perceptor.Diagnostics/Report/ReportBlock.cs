namespace Perceptor.Diagnostics.Report;

// The closed family of report blocks: the renderers switch over exactly these, so they live together.

/// <summary>One block of a <see cref="ReportDocument"/>; text in blocks is plain (renderers escape it).</summary>
public abstract record ReportBlock;

/// <summary>A section heading, level 1 (document title) to 4.</summary>
public sealed record HeadingBlock(string Text, int Level) : ReportBlock;

/// <summary>A paragraph of plain text.</summary>
public sealed record ParagraphBlock(string Text) : ReportBlock;

/// <summary>A bulleted list of plain-text items.</summary>
public sealed record ListBlock(IReadOnlyList<string> Items) : ReportBlock;

/// <summary>A table with a header row; every row has as many cells as the header.</summary>
public sealed record TableBlock(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : ReportBlock;

/// <summary>An image with a caption (Markdown links the PNG file; HTML embeds it).</summary>
public sealed record FigureBlock(ReportImage Image, string Caption) : ReportBlock;

/// <summary>
/// A highlighted box: a level (picks its label and colour), a tag
/// (e.g. a finding id), a title, bullet items, and closing lines each with a bold label (e.g. "Next").
/// </summary>
public sealed record CalloutBlock(
    CalloutLevel Level, string Tag, string Title, IReadOnlyList<string> Items, IReadOnlyList<(string Label, string Text)> Footer) : ReportBlock;
