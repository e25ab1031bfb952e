using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Readers;

/// <summary>A logged step of a text log, with what the damage pass and the assembler need to know of its line.</summary>
/// <param name="Point">The step as the run model holds it.</param>
/// <param name="DiscToken">The discriminator loss as written, where it is a number (the zero rules read its digits).</param>
/// <param name="DiscNone">The discriminator loss was written as None/null: a skipped discriminator step.</param>
/// <param name="FromBar">The step is a progress-bar redraw, not a step line.</param>
internal sealed record TextLogStep(StepPoint Point, string? DiscToken, bool DiscNone, bool FromBar);

/// <summary>The values of one epoch's test line(s) as they are read; one slot per value a test line can carry.</summary>
internal sealed class TextLogEval
{
    // One name per value slot of a test line, in the order Slot and SlotName map them.
    private static readonly MetricName[] Slots =
    [
        new(MetricRole.GenLoss, MetricSplit.Train, false), new(MetricRole.GenLoss, MetricSplit.Eval, false),
        new(MetricRole.DiscLoss, MetricSplit.Train, false), new(MetricRole.DiscLoss, MetricSplit.Eval, false),
        new(MetricRole.Pesq, MetricSplit.Eval, false), new(MetricRole.NoisyPesq, MetricSplit.Eval, false),
    ];

    public int Epoch { get; init; }

    public int Line { get; init; }

    public double? GenLoss { get; private set; }

    public double? DiscLoss { get; private set; }

    public double? Pesq { get; private set; }

    public double? NoisyPesq { get; private set; }

    public double? TrainLoss { get; private set; }

    public double? TrainDiscLoss { get; private set; }

    public double? LrGen { get; private set; }

    public double? LrDisc { get; private set; }

    /// <summary>The name of the slot a value of <paramref name="name"/> fills, as problems name it; null: none.</summary>
    public static string? SlotName(MetricName name) => (name.Role, name.Split) switch
    {
        (MetricRole.GenLoss, MetricSplit.Train) => "train loss",
        (MetricRole.GenLoss, _) => "loss",
        (MetricRole.DiscLoss, MetricSplit.Train) => "train disc loss",
        (MetricRole.DiscLoss, _) => "disc loss",
        (MetricRole.Pesq, MetricSplit.Train) => null,
        (MetricRole.Pesq, _) => "PESQ",
        (MetricRole.NoisyPesq, _) => "noisy PESQ",
        _ => null,
    };

    /// <summary>The names of the slots that hold a value.</summary>
    public HashSet<string> Filled() =>
        Slots.Where(n => Slot(n) is not null).Select(n => SlotName(n)!).ToHashSet(StringComparer.Ordinal);

    /// <summary>The value in the slot of <paramref name="name"/>, if any.</summary>
    public double? Slot(MetricName name) => (name.Role, name.Split) switch
    {
        (MetricRole.GenLoss, MetricSplit.Train) => TrainLoss,
        (MetricRole.GenLoss, _) => GenLoss,
        (MetricRole.DiscLoss, MetricSplit.Train) => TrainDiscLoss,
        (MetricRole.DiscLoss, _) => DiscLoss,
        (MetricRole.Pesq, MetricSplit.Train) => null,
        (MetricRole.Pesq, _) => Pesq,
        (MetricRole.NoisyPesq, _) => NoisyPesq,
        _ => null,
    };

    /// <summary>Puts <paramref name="value"/> into the slot of <paramref name="name"/> (a training PESQ has none).</summary>
    public void Assign(MetricName name, double value)
    {
        switch (name.Role, name.Split)
        {
            case (MetricRole.GenLoss, MetricSplit.Train):
                TrainLoss = value;
                break;
            case (MetricRole.GenLoss, _):
                GenLoss = value;
                break;
            case (MetricRole.DiscLoss, MetricSplit.Train):
                TrainDiscLoss = value;
                break;
            case (MetricRole.DiscLoss, _):
                DiscLoss = value;
                break;
            case (MetricRole.Pesq, MetricSplit.Train):
                break;
            case (MetricRole.Pesq, _):
                Pesq = value;
                break;
            case (MetricRole.NoisyPesq, _):
                NoisyPesq = value;
                break;
            case (MetricRole.LrDisc, _):
                LrDisc = value;
                break;
            case (MetricRole.LrGen or MetricRole.Lr, _):
                LrGen = value;
                break;
        }
    }
}
