using Perceptor.Audio.IO;

namespace Perceptor.Diagnostics.Report;

/// <summary>Writes a <see cref="ReportDocument"/> into a folder: its PNGs, <c>report.md</c> and a self-contained
/// <c>report.html</c>, each file atomically.</summary>
public static class ReportWriter
{
    /// <summary>Writes the report into <paramref name="directory"/> (created if needed) and returns the files written.</summary>
    /// <param name="document">The report.</param>
    /// <param name="directory">The output folder.</param>
    /// <param name="baseName">Name of the Markdown and HTML files without extension (default <c>report</c>).</param>
    public static IReadOnlyList<string> Write(ReportDocument document, string directory, string baseName = "report")
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseName);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var figure in document.Figures)
        {
            string png = Path.Combine(directory, figure.Image.FileName);
            AtomicFile.WriteAllBytes(png, figure.Image.Png);
            written.Add(png);
        }

        string md = Path.Combine(directory, baseName + ".md");
        AtomicFile.WriteAllText(md, MarkdownRenderer.Render(document));
        written.Add(md);
        string html = Path.Combine(directory, baseName + ".html");
        AtomicFile.WriteAllText(html, HtmlRenderer.Render(document));
        written.Add(html);
        return written;
    }
}
