namespace Perceptor.Diagnostics.Report;

/// <summary>
/// A line chart described as data: title, axis labels, series and reference lines. Build several for one run or one
/// series per run for a comparison; <see cref="ChartRenderer"/> turns each into a PNG.
/// </summary>
public sealed record ChartSpec
{
    /// <summary>Title above the plot.</summary>
    public required string Title { get; init; }

    /// <summary>X axis label.</summary>
    public string XLabel { get; init; } = "";

    /// <summary>Y axis label.</summary>
    public string YLabel { get; init; } = "";

    /// <summary>Logarithmic y axis (values at or below zero are not drawn).</summary>
    public bool LogY { get; init; }

    /// <summary>The data.</summary>
    public IReadOnlyList<ChartSeries> Series { get; init; } = [];

    /// <summary>Reference lines.</summary>
    public IReadOnlyList<ChartMarker> Markers { get; init; } = [];

    /// <summary>Size of the PNG in pixels.</summary>
    public int Width { get; init; } = 900;

    /// <inheritdoc cref="Width"/>
    public int Height { get; init; } = 420;

    /// <summary>Integer ticks only on the x axis (epochs).</summary>
    public bool IntegerX { get; init; }
}
