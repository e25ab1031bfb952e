namespace Perceptor.Quality.Evaluation;

/// <summary>The mean of one metric over the files that have a value, how many did, and how many did not.</summary>
public sealed record MetricSummary(double? Mean, int Count, int Failed);
