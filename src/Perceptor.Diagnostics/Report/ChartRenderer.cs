using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Perceptor.Diagnostics.Report;

/// <summary>Renders a <see cref="ChartSpec"/> to PNG with ScottPlot, in the embedded report font.</summary>
public static class ChartRenderer
{
    private static readonly string[] Palette =
        ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>True when the chart has at least one point to draw.</summary>
    public static bool HasData(ChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Series.Any(s => Points(s, spec.LogY).Xs.Length > 0);
    }

    /// <summary>Renders the chart as PNG bytes.</summary>
    public static byte[] RenderPng(ChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var plot = Build(spec);
        return plot.GetImageBytes(spec.Width, spec.Height, ImageFormat.Png);
    }

    /// <summary>Renders the chart as a report image named <paramref name="fileName"/>.</summary>
    public static ReportImage RenderImage(ChartSpec spec, string fileName)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new ReportImage(fileName, RenderPng(spec), spec.Width, spec.Height);
    }

    /// <summary>Builds the ScottPlot plot (exposed for tests that check fonts and content before rendering).</summary>
    public static Plot Build(ChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ReportFonts.EnsureRegistered();
        var plot = new Plot();
        int colour = 0;
        foreach (var series in spec.Series)
        {
            var (xs, ys) = Points(series, spec.LogY);
            if (xs.Length == 0)
            {
                continue;
            }

            var color = Color.FromHex(series.Color ?? Palette[colour++ % Palette.Length]);
            var scatter = plot.Add.Scatter(xs, ys, color);
            scatter.LegendText = series.Label;
            scatter.LineWidth = series.Style == ChartStyle.Points ? 0 : series.LineWidth;
            scatter.MarkerSize = series.Style == ChartStyle.Line ? 0 : series.MarkerSize;
            if (series.Shape is { } shape)
            {
                scatter.MarkerShape = shape;
            }
            if (series.Dashed)
            {
                scatter.LinePattern = LinePattern.Dashed;
            }
        }

        foreach (var marker in spec.Markers)
        {
            double value = spec.LogY && !marker.Vertical ? Math.Log10(marker.Value) : marker.Value;
            if (!double.IsFinite(value))
            {
                continue;
            }

            var color = Color.FromHex(marker.Color);
            ScottPlot.Plottables.AxisLine line = marker.Vertical
                ? plot.Add.VerticalLine(value, 1.5f, color, LinePattern.Dashed)
                : plot.Add.HorizontalLine(value, 1.5f, color, LinePattern.Dotted);
            // Named in the legend only: a label on the line would cover the axis tick labels.
            line.LegendText = marker.Label;
        }

        plot.Title(spec.Title, 16);
        plot.XLabel(spec.XLabel, 14);
        plot.YLabel(spec.YLabel, 14);
        if (spec.LogY)
        {
            var logs = spec.Series.SelectMany(s => Points(s, logY: true).Ys)
                .Concat(spec.Markers.Where(m => !m.Vertical && m.Value > 0).Select(m => Math.Log10(m.Value)))
                .ToList();
            if (logs.Count > 0)
            {
                var (positions, labels) = LogTicks(logs.Min(), logs.Max());
                plot.Axes.Left.SetTicks(positions, labels);
            }
        }

        if (spec.IntegerX)
        {
            plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        }

        if (plot.GetPlottables().Any(p => p.LegendItems.Any(i => !string.IsNullOrEmpty(i.LabelText))))
        {
            plot.ShowLegend(Edge.Bottom); // outside the data area: it never hides a line
        }

        plot.Font.Set(ReportFonts.Family);
        plot.Legend.FontName = ReportFonts.Family;
        plot.Legend.SetBestFontOnEachRender = false;
        return plot;
    }

    private static (double[] Xs, double[] Ys) Points(ChartSeries series, bool logY)
    {
        int n = Math.Min(series.X.Count, series.Y.Count);
        var xs = new List<double>(n);
        var ys = new List<double>(n);
        for (int i = 0; i < n; i++)
        {
            double x = series.X[i];
            double y = series.Y[i];
            if (!double.IsFinite(x) || !double.IsFinite(y) || (logY && y <= 0))
            {
                continue;
            }

            xs.Add(x);
            ys.Add(logY ? Math.Log10(y) : y);
        }

        return (xs.ToArray(), ys.ToArray());
    }

    // Ticks at 1, 2 and 5 times each power of ten inside the range (only the powers when the range spans many
    // decades), placed in log10 space where the values are drawn.
    internal static (double[] Positions, string[] Labels) LogTicks(double minLog, double maxLog)
    {
        double low = minLog - 0.05;
        double high = maxLog + 0.05;
        int[] multipliers = high - low > 4 ? [1] : [1, 2, 5];
        var positions = new List<double>();
        var labels = new List<string>();
        for (int decade = (int)Math.Floor(low); decade <= (int)Math.Ceiling(high); decade++)
        {
            foreach (int k in multipliers)
            {
                double position = decade + Math.Log10(k);
                if (position >= low && position <= high)
                {
                    positions.Add(position);
                    labels.Add(FormatValue(k * Math.Pow(10, decade)));
                }
            }
        }

        if (positions.Count == 0)
        {
            // Less than a factor of two in range: label its ends.
            positions.AddRange([minLog, maxLog]);
            labels.AddRange([FormatValue(Math.Pow(10, minLog)), FormatValue(Math.Pow(10, maxLog))]);
        }

        return (positions.ToArray(), labels.ToArray());
    }

    private static string FormatValue(double value) => value is >= 0.01 and < 10000
        ? value.ToString("0.###", CultureInfo.InvariantCulture)
        : value.ToString("0.#e+0", CultureInfo.InvariantCulture);
}
