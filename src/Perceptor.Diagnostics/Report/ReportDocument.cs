namespace Perceptor.Diagnostics.Report;

/// <summary>
/// A report as a list of blocks, independent of its output format: build it once, then render it with
/// <see cref="MarkdownRenderer"/> and <see cref="HtmlRenderer"/> and write it with <see cref="ReportWriter"/>.
/// The diagnosis report and the experiment comparison report are both built from these blocks.
/// </summary>
public sealed class ReportDocument
{
    private readonly List<ReportBlock> _blocks = [];

    /// <summary>Starts a document with its title.</summary>
    public ReportDocument(string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Title = title;
    }

    /// <summary>The document title.</summary>
    public string Title { get; }

    /// <summary>The blocks in order.</summary>
    public IReadOnlyList<ReportBlock> Blocks => _blocks;

    /// <summary>The figures in order (their PNGs are written beside the report).</summary>
    public IEnumerable<FigureBlock> Figures => _blocks.OfType<FigureBlock>();

    /// <summary>Appends any block.</summary>
    public ReportDocument Add(ReportBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block is FigureBlock figure && (Path.GetFileName(figure.Image.FileName) != figure.Image.FileName ||
            !figure.Image.FileName.EndsWith(".png", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"a figure needs a plain .png file name, not '{figure.Image.FileName}'", nameof(block));
        }

        if (block is FigureBlock f && Figures.Any(x => x.Image.FileName == f.Image.FileName))
        {
            throw new ArgumentException($"a figure named {f.Image.FileName} is already in the report", nameof(block));
        }

        if (block is TableBlock t && t.Rows.Any(r => r.Count != t.Header.Count))
        {
            throw new ArgumentException("every table row needs as many cells as the header", nameof(block));
        }

        _blocks.Add(block);
        return this;
    }

    /// <summary>Appends a heading (level 2 by default).</summary>
    public ReportDocument Heading(string text, int level = 2) => Add(new HeadingBlock(text, Math.Clamp(level, 1, 4)));

    /// <summary>Appends a paragraph.</summary>
    public ReportDocument Paragraph(string text) => Add(new ParagraphBlock(text));

    /// <summary>Appends a bulleted list (nothing when empty).</summary>
    public ReportDocument Bullets(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? this : Add(new ListBlock(list));
    }

    /// <summary>Appends a table.</summary>
    public ReportDocument Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows) =>
        Add(new TableBlock(header, rows.ToList()));

    /// <summary>Appends a figure.</summary>
    public ReportDocument Figure(ReportImage image, string caption) => Add(new FigureBlock(image, caption));

    /// <summary>Appends a callout box.</summary>
    public ReportDocument Callout(CalloutLevel level, string tag, string title, IReadOnlyList<string> items,
        IReadOnlyList<(string Label, string Text)> footer) => Add(new CalloutBlock(level, tag, title, items, footer));
}
