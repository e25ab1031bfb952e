using Perceptor.Experiments.Running;

namespace Perceptor.Experiments.Reporting;

/// <summary>What one run folder says, reduced to the numbers the comparison needs. Null means "not measured".</summary>
public sealed record RunSummary
{
    /// <summary>Arm name (the folder above the seed folder).</summary>
    public required string Arm { get; init; }

    /// <summary>Training seed (from the folder name or the run's own record).</summary>
    public long? Seed { get; init; }

    /// <summary>Run folder relative to the experiment folder.</summary>
    public required string Folder { get; init; }

    /// <summary>How far the run got.</summary>
    public RunProgress Progress { get; init; }

    /// <summary>Epochs with an <c>epoch</c> record.</summary>
    public int EpochsLogged { get; init; }

    /// <summary>Epochs the run was configured for (config.json), if known.</summary>
    public int? EpochsPlanned { get; init; }

    /// <summary>Eval PESQ per evaluated epoch (1-based epochs), in order.</summary>
    public IReadOnlyList<(int Epoch, double Value)> EvalPesq { get; init; } = [];

    /// <summary>Eval generator loss per evaluated epoch: where it bottoms out and rises while the training loss falls, the generator overfits.</summary>
    public IReadOnlyList<(int Epoch, double Value)> EvalLoss { get; init; } = [];

    /// <summary>Training loss (epoch mean) per epoch.</summary>
    public IReadOnlyList<(int Epoch, double Value)> TrainLoss { get; init; } = [];

    /// <summary>Discriminator skip rate per epoch.</summary>
    public IReadOnlyList<(int Epoch, double Value)> SkipRateByEpoch { get; init; } = [];

    /// <summary>Calibration MAE per epoch.</summary>
    public IReadOnlyList<(int Epoch, double Value)> CalibrationByEpoch { get; init; } = [];

    /// <summary>Mean GAN share of the generator gradient per epoch.</summary>
    public IReadOnlyList<(int Epoch, double Value)> GanShareByEpoch { get; init; } = [];

    /// <summary>PESQ of the noisy input on the same eval files.</summary>
    public double? NoisyPesq { get; init; }

    /// <summary>Highest eval PESQ and its epoch.</summary>
    public double? BestPesq { get; init; }

    /// <inheritdoc cref="BestPesq"/>
    public int? BestEpoch { get; init; }

    /// <summary>Eval PESQ of the last evaluated epoch, and that epoch.</summary>
    public double? FinalPesq { get; init; }

    /// <inheritdoc cref="FinalPesq"/>
    public int? FinalEpoch { get; init; }

    /// <summary>Whether eval PESQ collapsed by the diagnose collapse rule (null: no eval PESQ), and its onset epoch.</summary>
    public bool? Collapsed { get; init; }

    /// <inheritdoc cref="Collapsed"/>
    public int? CollapseOnset { get; init; }

    /// <summary>Skipped discriminator steps over batches, whole run.</summary>
    public double? SkipRate { get; init; }

    /// <summary>Clips whose PESQ failed over clips scored or failed, whole run.</summary>
    public double? ClipFailureRate { get; init; }

    /// <summary>Discriminator steps with loss below 1e-3 over steps taken, whole run.</summary>
    public double? SaturatedShare { get; init; }

    /// <summary>Calibration MAE |D(clean, enhanced) - normalised PESQ| at the last probed epoch.</summary>
    public double? CalibrationMae { get; init; }

    /// <summary>Calibration Pearson correlation at the last probed epoch.</summary>
    public double? CalibrationPearson { get; init; }

    /// <summary>Mean D(clean, clean) at the last probed epoch (should be near 1).</summary>
    public double? DCleanClean { get; init; }

    /// <summary>Mean share of the generator gradient that comes from the GAN term, over all samples.</summary>
    public double? GanShare { get; init; }

    /// <summary>Settings as the run recorded them (run_start).</summary>
    public string? PesqFailures { get; init; }

    /// <inheritdoc cref="PesqFailures"/>
    public double? DiscLr { get; init; }

    /// <inheritdoc cref="PesqFailures"/>
    public double? GenLr { get; init; }

    /// <inheritdoc cref="PesqFailures"/>
    public double? GanWeight { get; init; }

    /// <inheritdoc cref="PesqFailures"/>
    public int? BatchSize { get; init; }

    /// <summary>Seconds of training (sum of epoch times).</summary>
    public double TrainSeconds { get; init; }

    /// <summary>What <c>perceptor diagnose</c> finds in this run, most severe first.</summary>
    public IReadOnlyList<Perceptor.Diagnostics.Findings.Finding> Findings { get; init; } = [];

    /// <summary>Lines of metrics.jsonl that could not be read, and other problems with the folder.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
}
