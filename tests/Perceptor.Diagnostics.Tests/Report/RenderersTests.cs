using Perceptor.Diagnostics.Report;

namespace Perceptor.Diagnostics.Tests.Report;

public class RenderersTests
{
    private static ReportDocument Sample()
    {
        var doc = new ReportDocument("Run <a> & b");
        doc.Heading("Summary")
            .Paragraph("disc_loss *is* 0.0 | odd")
            .Bullets(["one", "two <b>"])
            .Table(["k", "v"], [["skip|rate", "4%"]])
            .Callout(CalloutLevel.Critical, "pesq-collapse", "Collapse", ["peak 2.64"], [("Next", "evaluate")])
            .Figure(new ReportImage("p.png", [0x89, 0x50, 0x4E, 0x47], 10, 10), "a plot");
        return doc;
    }

    [Fact]
    public void Markdown_escapes_formatting_and_links_figures()
    {
        string md = MarkdownRenderer.Render(Sample());

        Assert.StartsWith("# Run \\<a\\> & b", md, StringComparison.Ordinal);
        Assert.Contains("disc\\_loss \\*is\\* 0.0 \\| odd", md, StringComparison.Ordinal);
        Assert.Contains("| skip\\|rate | 4% |", md, StringComparison.Ordinal);
        Assert.Contains("> **CRITICAL** `pesq-collapse` — Collapse", md, StringComparison.Ordinal);
        Assert.Contains("> **Next:** evaluate", md, StringComparison.Ordinal);
        Assert.Contains("![a plot](p.png)", md, StringComparison.Ordinal);
        Assert.DoesNotContain("p.png", MarkdownRenderer.Render(Sample(), includeFigures: false), StringComparison.Ordinal);
    }

    [Fact]
    public void Html_is_escaped_and_self_contained()
    {
        string html = HtmlRenderer.Render(Sample());

        Assert.Contains("<title>Run &lt;a&gt; &amp; b</title>", html, StringComparison.Ordinal);
        Assert.Contains("<li>two &lt;b&gt;</li>", html, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64,iVBORw==\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"callout critical\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(CalloutLevel.Info, "info")]
    [InlineData(CalloutLevel.Ok, "ok")]
    [InlineData(CalloutLevel.Warning, "warning")]
    [InlineData(CalloutLevel.Critical, "critical")]
    public void Every_callout_level_has_its_label_and_a_styled_colour(CalloutLevel level, string word)
    {
        var doc = new ReportDocument("t").Callout(level, "tag", "Title", [], []);
        string html = HtmlRenderer.Render(doc);

        Assert.Contains($".callout.{word} {{", html, StringComparison.Ordinal);
        Assert.Contains($"<div class=\"callout {word}\"><p><span class=\"level\">{word}</span>", html, StringComparison.Ordinal);
        Assert.Contains($"> **{word.ToUpperInvariant()}** `tag` — Title", MarkdownRenderer.Render(doc), StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_refuses_figures_that_would_escape_the_report_folder_or_collide()
    {
        var doc = new ReportDocument("t");
        Assert.Throws<ArgumentException>(() => doc.Figure(new ReportImage("../x.png", [1], 1, 1), "x"));
        doc.Figure(new ReportImage("x.png", [1], 1, 1), "x");
        Assert.Throws<ArgumentException>(() => doc.Figure(new ReportImage("x.png", [1], 1, 1), "again"));
        Assert.Throws<ArgumentException>(() => doc.Table(["a", "b"], [["only one"]]));
    }
}
