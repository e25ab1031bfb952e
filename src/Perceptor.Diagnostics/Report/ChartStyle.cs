namespace Perceptor.Diagnostics.Report;

/// <summary>How a chart series is drawn.</summary>
public enum ChartStyle
{
    /// <summary>Connected line, no markers.</summary>
    Line,

    /// <summary>Markers only.</summary>
    Points,

    /// <summary>Line with markers.</summary>
    LineAndPoints,
}
