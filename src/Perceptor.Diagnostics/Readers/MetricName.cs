namespace Perceptor.Diagnostics.Readers;

/// <summary>A column or key name understood: what it measures, for which split, and whether it is an average.</summary>
internal readonly record struct MetricName(MetricRole Role, MetricSplit Split, bool IsAverage);
