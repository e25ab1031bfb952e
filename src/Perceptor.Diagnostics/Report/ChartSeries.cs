namespace Perceptor.Diagnostics.Report;

/// <summary>One data series of a chart.</summary>
/// <param name="Label">Legend text (empty: not in the legend).</param>
/// <param name="X">X values.</param>
/// <param name="Y">Y values, as many as <paramref name="X"/>; non-finite points are dropped (and non-positive ones on a
/// log axis).</param>
public sealed record ChartSeries(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>How it is drawn.</summary>
    public ChartStyle Style { get; init; } = ChartStyle.LineAndPoints;

    /// <summary>Colour as <c>#rrggbb</c>; null picks the next palette colour.</summary>
    public string? Color { get; init; }

    /// <summary>Marker size in pixels.</summary>
    public float MarkerSize { get; init; } = 6;

    /// <summary>Line width in pixels.</summary>
    public float LineWidth { get; init; } = 2;

    /// <summary>Marker shape (null: filled circles), so that marked points such as a peak and an onset tell apart.</summary>
    public ScottPlot.MarkerShape? Shape { get; init; }

    /// <summary>Dashed line.</summary>
    public bool Dashed { get; init; }
}
