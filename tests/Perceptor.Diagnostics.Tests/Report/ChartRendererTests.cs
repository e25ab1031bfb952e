using Perceptor.Diagnostics.Report;

namespace Perceptor.Diagnostics.Tests.Report;

public class ChartRendererTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void Renders_a_png_of_the_requested_size()
    {
        var spec = new ChartSpec
        {
            Title = "t",
            Width = 640,
            Height = 300,
            Series = [new ChartSeries("a", [0, 1, 2], [1, 2, 3])],
            Markers = [new ChartMarker(1, "peak"), new ChartMarker(2.5, "level", Vertical: false)],
        };

        var image = ChartRenderer.RenderImage(spec, "a.png");

        Assert.Equal(PngSignature, image.Png[..8]);
        using var bitmap = SkiaSharp.SKBitmap.Decode(image.Png);
        Assert.Equal((640, 300), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public void A_log_axis_drops_values_at_or_below_zero()
    {
        var spec = new ChartSpec { Title = "t", LogY = true, Series = [new ChartSeries("a", [0, 1, 2], [0, -1, double.NaN])] };
        Assert.False(ChartRenderer.HasData(spec));

        var some = spec with { Series = [new ChartSeries("a", [0, 1, 2], [0, 1e-3, 1e-2])] };
        Assert.True(ChartRenderer.HasData(some));
        var plot = ChartRenderer.Build(some);
        var scatter = Assert.Single(plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>());
        Assert.Equal([-3.0, -2.0], scatter.Data.GetScatterPoints().Select(p => Math.Round(p.Y, 9)));
    }
}
