using Perceptor.Diagnostics.Report;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Analysis;

/// <summary>
/// Per-epoch series of one run, ready for a <see cref="ChartSpec"/>. A comparison of several runs (experiment arms)
/// puts one series per run into the same chart, each with its own label.
/// </summary>
public static class RunSeries
{
    /// <summary>Eval PESQ per epoch.</summary>
    public static ChartSeries EvalPesq(RunData run, string label) =>
        Of(run, label, e => e.EvalPesq);

    /// <summary>Training generator loss per epoch.</summary>
    public static ChartSeries TrainLoss(RunData run, string label) =>
        Of(run, label, e => e.TrainLoss);

    /// <summary>Eval generator loss per epoch.</summary>
    public static ChartSeries EvalLoss(RunData run, string label) =>
        Of(run, label, e => e.EvalLoss);

    /// <summary>Share of skipped discriminator steps per epoch (exact or among the logged steps).</summary>
    public static ChartSeries SkipRate(Diagnosis diagnosis, string label)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        var rates = diagnosis.Disc.PerEpoch;
        return new ChartSeries(label, rates.Select(r => (double)r.Epoch).ToList(), rates.Select(r => r.Skipped.Value).ToList());
    }

    /// <summary>Mean D(clean, clean) of the calibration probe per epoch.</summary>
    public static ChartSeries CleanClean(RunData run, string label)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new ChartSeries(label, run.Calibration.Select(c => (double)c.Epoch).ToList(), run.Calibration.Select(c => c.DCleanClean).ToList());
    }

    /// <summary>Per-clip MAE of the calibration probe per epoch.</summary>
    public static ChartSeries CalibrationMae(RunData run, string label)
    {
        ArgumentNullException.ThrowIfNull(run);
        var points = run.Calibration.Where(c => c.Mae is not null).ToList();
        return new ChartSeries(label, points.Select(c => (double)c.Epoch).ToList(), points.Select(c => c.Mae!.Value).ToList());
    }

    /// <summary>GAN share of the generator gradient, mean per epoch.</summary>
    public static ChartSeries GanShare(RunData run, string label)
    {
        ArgumentNullException.ThrowIfNull(run);
        var epochs = run.GradShares.GroupBy(g => g.Epoch).OrderBy(g => g.Key).ToList();
        return new ChartSeries(label, epochs.Select(g => (double)g.Key).ToList(), epochs.Select(g => g.Average(x => x.Gan)).ToList());
    }

    private static ChartSeries Of(RunData run, string label, Func<EpochPoint, double?> value)
    {
        ArgumentNullException.ThrowIfNull(run);
        var points = run.Epochs.Where(e => value(e) is not null).ToList();
        return new ChartSeries(label, points.Select(e => (double)e.Epoch).ToList(), points.Select(e => value(e)!.Value).ToList());
    }
}
