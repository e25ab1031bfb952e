namespace Perceptor.Diagnostics.Report;

/// <summary>A labelled reference line across a chart: vertical at an x value, or horizontal at a y value.</summary>
/// <param name="Value">Where it is drawn (x for vertical, y for horizontal; data units, before any log scaling).</param>
/// <param name="Label">Text shown on the line (and in the legend).</param>
/// <param name="Vertical">True for a vertical line.</param>
/// <param name="Color">Colour as <c>#rrggbb</c>.</param>
public sealed record ChartMarker(double Value, string Label, bool Vertical = true, string Color = "#555555");
