namespace Perceptor.Diagnostics.Readers;

// What MetricNameClassifier makes of a column or key name: the name, what it measures and for which split. The three
// types are read and written together, so they live together.

/// <summary>A column or key name understood: what it measures, for which split, and whether it is an average.</summary>
internal readonly record struct MetricName(MetricRole Role, MetricSplit Split, bool IsAverage);

/// <summary>What a column or a logged key measures.</summary>
internal enum MetricRole
{
    None,
    Epoch,
    Step,
    GenLoss,
    DiscLoss,
    DiscLossMin,
    DiscLossMax,
    Pesq,
    NoisyPesq,
    Lr,
    LrGen,
    LrDisc,
}

/// <summary>Whether a logged quantity belongs to training, evaluation, or the name does not say.</summary>
internal enum MetricSplit
{
    Unspecified,
    Train,
    Eval,
}
