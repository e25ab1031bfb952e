using Perceptor.Diagnostics.Report;
using ScottPlot;
using SkiaSharp;

namespace Perceptor.Diagnostics.Tests.Report;

public class ReportFontsTests
{
    [Fact]
    public void The_embedded_font_is_dejavu_sans_with_its_glyphs()
    {
        using var typeface = ReportFonts.CreateTypeface();
        Assert.Equal("DejaVu Sans", typeface.FamilyName);
        Assert.True(typeface.GlyphCount > 3000);
        Assert.True(typeface.ContainsGlyphs("PESQ epoch → ×"));
    }

    [Fact]
    public void ScottPlot_resolves_the_report_family_to_the_embedded_font()
    {
        ReportFonts.EnsureRegistered();
        ReportFonts.EnsureRegistered();

        var typeface = Fonts.GetTypeface(ReportFonts.Family, bold: true, italic: false);
        Assert.Equal("DejaVu Sans", typeface.FamilyName);
        Assert.Equal(1, Fonts.FontResolvers.Count(r => r.GetType().DeclaringType == typeof(ReportFonts)));
    }

    [Fact]
    public void Every_text_of_a_chart_uses_the_embedded_font()
    {
        var plot = ChartRenderer.Build(Spec("Eval PESQ"));

        Assert.Equal(ReportFonts.Family, plot.Axes.Title.Label.FontName);
        Assert.Equal(ReportFonts.Family, plot.Axes.Bottom.Label.FontName);
        Assert.Equal(ReportFonts.Family, plot.Axes.Left.Label.FontName);
        Assert.Equal(ReportFonts.Family, plot.Axes.Bottom.TickLabelStyle.FontName);
        Assert.Equal(ReportFonts.Family, plot.Axes.Left.TickLabelStyle.FontName);
        Assert.Equal(ReportFonts.Family, plot.Legend.FontName);
    }

    [Fact]
    public void Chart_text_is_actually_drawn()
    {
        // The top band of the image is the title panel. With a font the title leaves dark pixels there, and two
        // different titles leave different pixels; without one ScottPlot would draw neither (and silently).
        using var first = SKBitmap.Decode(ChartRenderer.RenderPng(Spec("Eval PESQ per epoch")));
        using var second = SKBitmap.Decode(ChartRenderer.RenderPng(Spec("Skip rate of batches")));

        int dark = 0;
        int different = 0;
        for (int y = 0; y < 30; y++)
        {
            for (int x = 100; x < first.Width - 100; x++)
            {
                var a = first.GetPixel(x, y);
                dark += a.Red + a.Green + a.Blue < 300 ? 1 : 0;
                different += a != second.GetPixel(x, y) ? 1 : 0;
            }
        }

        Assert.True(dark > 100, $"{dark} dark pixels where the title should be");
        Assert.True(different > 100, $"{different} pixels differ between two titles");
    }

    private static ChartSpec Spec(string title) => new()
    {
        Title = title,
        XLabel = "epoch",
        YLabel = "PESQ",
        Series = [new ChartSeries("eval", [0, 1, 2], [2.4, 2.6, 2.5])],
    };
}
