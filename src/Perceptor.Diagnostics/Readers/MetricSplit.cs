namespace Perceptor.Diagnostics.Readers;

/// <summary>Whether a logged quantity belongs to training, evaluation, or the name does not say.</summary>
internal enum MetricSplit
{
    Unspecified,
    Train,
    Eval,
}
