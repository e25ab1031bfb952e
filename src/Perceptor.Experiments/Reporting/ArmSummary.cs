namespace Perceptor.Experiments.Reporting;

/// <summary>One arm across its seeds: its runs and the spread of each number the comparison uses.</summary>
public sealed record ArmSummary
{
    /// <summary>Arm name.</summary>
    public required string Name { get; init; }

    /// <summary>What the arm does.</summary>
    public string Description { get; init; } = "";

    /// <summary>Settings the arm changes against the reference.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    /// <summary>Ids of the hypotheses it tests.</summary>
    public IReadOnlyList<string> Hypotheses { get; init; } = [];

    /// <summary>True for the reference arm.</summary>
    public bool IsBaseline { get; init; }

    /// <summary>Its runs, by seed.</summary>
    public IReadOnlyList<RunSummary> Runs { get; init; } = [];

    /// <summary>Best eval PESQ across seeds.</summary>
    public Spread? BestPesq => Spread.Of(Runs.Select(r => r.BestPesq));

    /// <summary>Epoch of the best eval PESQ across seeds.</summary>
    public Spread? BestEpoch => Spread.Of(Runs.Select(r => (double?)r.BestEpoch));

    /// <summary>Final eval PESQ across seeds.</summary>
    public Spread? FinalPesq => Spread.Of(Runs.Select(r => r.FinalPesq));

    /// <summary>Noisy-input PESQ across seeds (identical when the eval set is).</summary>
    public Spread? NoisyPesq => Spread.Of(Runs.Select(r => r.NoisyPesq));

    /// <summary>Discriminator skip rate across seeds.</summary>
    public Spread? SkipRate => Spread.Of(Runs.Select(r => r.SkipRate));

    /// <summary>PESQ clip failure rate across seeds.</summary>
    public Spread? ClipFailureRate => Spread.Of(Runs.Select(r => r.ClipFailureRate));

    /// <summary>Saturated discriminator steps across seeds.</summary>
    public Spread? SaturatedShare => Spread.Of(Runs.Select(r => r.SaturatedShare));

    /// <summary>Final calibration MAE across seeds.</summary>
    public Spread? CalibrationMae => Spread.Of(Runs.Select(r => r.CalibrationMae));

    /// <summary>GAN share of the generator gradient across seeds.</summary>
    public Spread? GanShare => Spread.Of(Runs.Select(r => r.GanShare));

    /// <summary>Runs whose eval PESQ collapsed.</summary>
    public int Collapsed => Runs.Count(r => r.Collapsed == true);

    /// <summary>Runs for which collapse could be judged (they have eval PESQ).</summary>
    public int CollapseJudged => Runs.Count(r => r.Collapsed is not null);

    /// <summary>Onset epochs of the collapsed runs.</summary>
    public IReadOnlyList<int> CollapseOnsets => Runs.Where(r => r.CollapseOnset is not null).Select(r => r.CollapseOnset!.Value).ToList();
}
