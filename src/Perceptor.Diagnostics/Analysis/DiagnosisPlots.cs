using Perceptor.Diagnostics.Report;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Analysis;

/// <summary>The charts of one run's diagnosis, as specs (render them with <see cref="ChartRenderer"/>).</summary>
public static class DiagnosisPlots
{
    /// <summary>Charts with data, each with its PNG file name and caption, in report order.</summary>
    public static IReadOnlyList<(string FileName, string Caption, ChartSpec Spec)> For(Diagnosis diagnosis)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        var run = diagnosis.Run;
        var charts = new List<(string, string, ChartSpec)>
        {
            ("eval-pesq.png", "Eval PESQ per epoch, with the peak and the collapse onset marked", EvalPesq(diagnosis)),
            ("losses.png", "Training and eval generator loss per epoch", Losses(run)),
            ("disc-loss.png", "Discriminator loss (log scale); skipped steps marked at the bottom", DiscLoss(diagnosis)),
            ("skip-rate.png", "Share of skipped discriminator steps per epoch", SkipRate(diagnosis)),
            ("calibration.png", "Discriminator calibration on the probe clips", Calibration(run)),
            ("grad-shares.png", "Share of the generator's gradient norm per loss term (log scale)", GradShares(run)),
        };
        return charts.Where(c => ChartRenderer.HasData(c.Item3)).ToList();
    }

    private static ChartSpec EvalPesq(Diagnosis d)
    {
        var e = d.Run.Epochs.Where(p => p.EvalPesq is not null).ToList();
        var series = new List<ChartSeries>
        {
            new("eval PESQ", X(e), e.Select(p => p.EvalPesq!.Value).ToList()) { Color = "#1f77b4" },
        };
        var noisy = d.Run.Epochs.Where(p => p.NoisyPesq is not null).ToList();
        if (noisy.Count > 0)
        {
            series.Add(new ChartSeries("noisy input", X(noisy), noisy.Select(p => p.NoisyPesq!.Value).ToList())
            {
                Color = "#7f7f7f", Style = ChartStyle.Points,
            });
        }

        var markers = new List<ChartMarker>();
        var c = d.Collapse;
        if (c.PeakEpoch is { } peak && c.PeakPesq is { } peakPesq)
        {
            markers.Add(new ChartMarker(peak, $"peak {peakPesq:0.000} (epoch {peak})", true, "#2ca02c"));
            if (c.Detected == true)
            {
                markers.Add(new ChartMarker(peakPesq - d.Options.Collapse.Drop, $"peak - {d.Options.Collapse.Drop:0.0#}", false, "#999999"));
            }
        }

        if (c.OnsetEpoch is { } onset)
        {
            markers.Add(new ChartMarker(onset, $"collapse onset (epoch {onset})", true, "#d62728"));
        }

        return new ChartSpec { Title = "Eval PESQ", XLabel = "epoch", YLabel = "PESQ (WB)", Series = series, Markers = markers, IntegerX = true };
    }

    private static ChartSpec Losses(RunData run)
    {
        bool sampled = run.Epochs.Any(p => p.TrainLoss is not null && p.TrainLossSampled);
        return new ChartSpec
        {
            Title = "Generator loss",
            XLabel = "epoch",
            YLabel = "loss",
            IntegerX = true,
            Series =
            [
                RunSeries.TrainLoss(run, sampled ? "train (mean of logged steps)" : "train") with { Color = "#ff7f0e" },
                RunSeries.EvalLoss(run, "eval") with { Color = "#9467bd" },
            ],
        };
    }

    private static ChartSpec DiscLoss(Diagnosis d)
    {
        var run = d.Run;
        var series = new List<ChartSeries>();
        var taken = Thin(run.Steps.Where(s => s.DiscLoss is > 0 && s.DiscSkipped != true).ToList());
        if (taken.Count > 0)
        {
            series.Add(new ChartSeries("discriminator loss per logged step", taken.Select(s => s.Position).ToList(),
                taken.Select(s => s.DiscLoss!.Value).ToList()) { Style = ChartStyle.Points, MarkerSize = 4, Color = "#1f77b4" });
        }

        var epochs = run.Epochs.Where(e => e.TrainDiscLoss is > 0).ToList();
        if (epochs.Count > 0)
        {
            // Epoch means sit at the end of their epoch on the continuous axis the steps use.
            series.Add(new ChartSeries("epoch mean", epochs.Select(e => e.Epoch + 1.0).ToList(),
                epochs.Select(e => e.TrainDiscLoss!.Value).ToList()) { Color = "#ff7f0e" });
        }

        var positives = series.SelectMany(s => s.Y).Where(y => y > 0).ToList();
        var skipped = Thin(run.Steps.Where(s => s.DiscSkipped == true).ToList());
        var unknown = Thin(run.Steps.Where(s => s.DiscSkipped is null && s.DiscLoss == 0).ToList());
        double floor = positives.Count > 0 ? positives.Min() / 3 : d.Options.SaturationLoss / 10;
        if (skipped.Count > 0)
        {
            series.Add(new ChartSeries($"skipped step ({run.Steps.Count(s => s.DiscSkipped == true)})", skipped.Select(s => s.Position).ToList(),
                skipped.Select(_ => floor).ToList()) { Style = ChartStyle.Points, Color = "#d62728", MarkerSize = 5 });
        }

        if (unknown.Count > 0)
        {
            series.Add(new ChartSeries($"rounded zero, skip or tiny ({unknown.Count})", unknown.Select(s => s.Position).ToList(),
                unknown.Select(_ => floor * 1.6).ToList()) { Style = ChartStyle.Points, Color = "#7f7f7f", MarkerSize = 5 });
        }

        var markers = new List<ChartMarker> { new(d.Options.SaturationLoss, $"saturation ({d.Options.SaturationLoss:0e+0})", false, "#999999") };
        if (d.Collapse.OnsetEpoch is { } onset)
        {
            markers.Add(new ChartMarker(onset, "collapse onset", true, "#d62728"));
        }

        return new ChartSpec
        {
            Title = "Discriminator loss",
            // Steps sit inside their epoch, so the axis runs to the end of the last one.
            XLabel = "epoch (epoch E spans E to E+1; epoch means at its end)",
            YLabel = "loss (log scale)",
            LogY = true,
            Series = series,
            Markers = markers,
        };
    }

    private static ChartSpec SkipRate(Diagnosis d)
    {
        var rates = d.Disc.PerEpoch;
        if (rates.Count < 2)
        {
            return new ChartSpec { Title = "Skipped discriminator steps" };
        }

        var x = rates.Select(r => (double)r.Epoch).ToList();
        var series = new List<ChartSeries> { RunSeries.SkipRate(d, "skip rate") with { Color = "#d62728" } };
        if (rates.Any(r => !r.Skipped.Exact))
        {
            series.Add(new ChartSeries("95% interval", x, rates.Select(r => r.Skipped.Lower).ToList()) { Style = ChartStyle.Line, Dashed = true, Color = "#e8a0a0", LineWidth = 1 });
            series.Add(new ChartSeries("", x, rates.Select(r => r.Skipped.Upper).ToList()) { Style = ChartStyle.Line, Dashed = true, Color = "#e8a0a0", LineWidth = 1 });
        }

        return new ChartSpec
        {
            Title = "Skipped discriminator steps",
            XLabel = "epoch",
            YLabel = "share of batches",
            IntegerX = true,
            Series = series,
            Markers = [new(d.Options.SkipWarning, "warning", false, "#ef8f00"), new(d.Options.SkipCritical, "critical", false, "#c62828")],
        };
    }

    private static ChartSpec Calibration(RunData run)
    {
        var c = run.Calibration;
        var x = c.Select(p => (double)p.Epoch).ToList();
        var series = new List<ChartSeries>
        {
            RunSeries.CleanClean(run, "D(clean, clean)") with { Color = "#2ca02c" },
            new("D(clean, enhanced)", x, c.Select(p => p.DCleanEnhanced).ToList()) { Color = "#1f77b4" },
        };
        var pn = c.Where(p => p.PesqNorm is not null).ToList();
        series.Add(new ChartSeries("actual (PESQ-1)/3.5", pn.Select(p => (double)p.Epoch).ToList(), pn.Select(p => p.PesqNorm!.Value).ToList()) { Color = "#ff7f0e", Dashed = true });
        series.Add(RunSeries.CalibrationMae(run, "MAE") with { Color = "#d62728", Style = ChartStyle.Points });
        var r = c.Where(p => p.Pearson is not null).ToList();
        series.Add(new ChartSeries("Pearson r", r.Select(p => (double)p.Epoch).ToList(), r.Select(p => p.Pearson!.Value).ToList()) { Color = "#9467bd", Style = ChartStyle.Points });
        return new ChartSpec { Title = "Discriminator calibration", XLabel = "epoch", YLabel = "normalised PESQ units", IntegerX = true, Series = series };
    }

    private static ChartSpec GradShares(RunData run)
    {
        var g = run.GradShares.GroupBy(p => p.Epoch).OrderBy(p => p.Key)
            .Select(p => (Epoch: (double)p.Key, Ri: p.Average(v => v.Ri), Mag: p.Average(v => v.Mag), Time: p.Average(v => v.Time), Gan: p.Average(v => v.Gan)))
            .ToList();
        var x = g.Select(p => p.Epoch).ToList();
        return new ChartSpec
        {
            Title = "Generator gradient by loss term",
            XLabel = "epoch",
            YLabel = "share of gradient norm (log scale)",
            LogY = true,
            IntegerX = true,
            Series =
            [
                new("magnitude", x, g.Select(p => p.Mag).ToList()) { Color = "#1f77b4" },
                new("RI", x, g.Select(p => p.Ri).ToList()) { Color = "#2ca02c" },
                new("time", x, g.Select(p => p.Time).ToList()) { Color = "#ff7f0e" },
                RunSeries.GanShare(run, "GAN") with { Color = "#d62728" },
            ],
        };
    }

    // A run that logs every step can have hundreds of thousands: an even subset draws the same picture.
    private static List<StepPoint> Thin(List<StepPoint> steps)
    {
        const int Max = 20_000;
        if (steps.Count <= Max)
        {
            return steps;
        }

        int stride = (steps.Count + Max - 1) / Max;
        return steps.Where((_, i) => i % stride == 0).ToList();
    }

    private static List<double> X(IEnumerable<EpochPoint> points) => points.Select(p => (double)p.Epoch).ToList();
}
