using Perceptor.Audio.IO;
using Perceptor.Diagnostics.Report;
using Perceptor.Diagnostics.Rescore;
using Perceptor.Quality.Evaluation;

namespace Perceptor.Training.Rescore;

/// <summary>
/// The plots of a rescore, drawn with the report's chart code (ScottPlot, the embedded font): PESQ per epoch with
/// the noisy input's PESQ and the best epoch marked, and the rest of the table in three groups of like scale
/// (CSIG/CBAK/COVL, STOI/ESTOI, SSNR/SI-SDR), each measure with the noisy input's value as a dashed line.
/// </summary>
public static class RescorePlots
{
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c"];

    /// <summary>The charts with data, each with its PNG file name.</summary>
    public static IReadOnlyList<(string FileName, ChartSpec Spec)> For(RescoreSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var charts = new List<(string, ChartSpec)>
        {
            ("rescore-pesq.png", Pesq(series)),
            ("rescore-composite.png", Group(series, "Composite measures", "rating (1-5)", [QualityMetric.Csig, QualityMetric.Cbak, QualityMetric.Covl])),
            ("rescore-intelligibility.png", Group(series, "Intelligibility", "score (0-1)", [QualityMetric.Stoi, QualityMetric.Estoi])),
            ("rescore-snr.png", Group(series, "Segmental SNR and SI-SDR", "dB", [QualityMetric.Ssnr, QualityMetric.SiSdr])),
        };
        return charts.Where(c => ChartRenderer.HasData(c.Item2)).ToList();
    }

    /// <summary>Renders the charts into <paramref name="directory"/> (atomically); returns the files written.</summary>
    public static IReadOnlyList<string> Write(RescoreSeries series, string directory)
    {
        var written = new List<string>();
        foreach (var (name, spec) in For(series))
        {
            string path = Path.Combine(directory, name);
            AtomicFile.WriteAllBytes(path, ChartRenderer.RenderPng(spec));
            written.Add(path);
        }

        return written;
    }

    private static ChartSpec Pesq(RescoreSeries series)
    {
        var scored = series.Epochs.Where(e => e.Pesq is not null).ToList();
        var markers = new List<ChartMarker>();
        if (series.NoisyPesq is { } noisy)
        {
            markers.Add(new ChartMarker(noisy, $"noisy input {noisy:0.000}", Vertical: false, Color: "#7f7f7f"));
        }

        if (scored.Count > 0)
        {
            var best = scored.MaxBy(e => e.Pesq!.Value)!;
            markers.Add(new ChartMarker(best.Epoch, $"best {best.Pesq!.Value:0.000} (epoch {best.Epoch})", Vertical: true, Color: "#2ca02c"));
        }

        return new ChartSpec
        {
            Title = "PESQ (WB) on the full test utterances, per checkpoint",
            XLabel = "epoch",
            YLabel = "PESQ (WB)",
            IntegerX = true,
            Series = [new ChartSeries("enhanced", scored.Select(e => (double)e.Epoch).ToList(), scored.Select(e => e.Pesq!.Value).ToList()) { Color = "#1f77b4" }],
            Markers = markers,
        };
    }

    private static ChartSpec Group(RescoreSeries series, string title, string yLabel, IReadOnlyList<QualityMetric> metrics)
    {
        var lines = new List<ChartSeries>();
        var epochs = series.Epochs.Select(e => (double)e.Epoch).ToList();
        for (int m = 0; m < metrics.Count; m++)
        {
            string key = QualityMetrics.Key(metrics[m]);
            string label = QualityMetrics.Label(metrics[m]);
            var with = series.Epochs.Where(e => e.Metrics.TryGetValue(key, out double v) && double.IsFinite(v)).ToList();
            lines.Add(new ChartSeries(label, with.Select(e => (double)e.Epoch).ToList(), with.Select(e => e.Metrics[key]).ToList()) { Color = Palette[m] });
            if (with.Count > 0 && series.Noisy is { } noisy && noisy.TryGetValue(key, out double n) && double.IsFinite(n))
            {
                lines.Add(new ChartSeries($"{label} noisy", [epochs.Min(), epochs.Max()], [n, n])
                {
                    Color = Palette[m], Dashed = true, Style = ChartStyle.Line, LineWidth = 1.5f,
                });
            }
        }

        return new ChartSpec { Title = title + " per checkpoint (dashed: noisy input)", XLabel = "epoch", YLabel = yLabel, IntegerX = true, Series = lines };
    }
}
