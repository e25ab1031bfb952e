namespace Perceptor.Diagnostics.Readers;

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
