using Perceptor.Diagnostics.Analysis;
using Perceptor.Diagnostics.Report;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Analysis;

public class RunSeriesTests
{
    [Fact]
    public void Several_runs_share_one_comparison_chart_and_report()
    {
        var baseline = Diagnose.Run(new PerceptorRun { SkipEvery = 2 });
        var mask = Diagnose.Run(new PerceptorRun { Pesq = [2.30, 2.55, 2.70, 2.74, 2.78, 2.80, 2.81] });
        var spec = new ChartSpec
        {
            Title = "Eval PESQ per arm",
            XLabel = "epoch",
            Series = [RunSeries.EvalPesq(baseline.Run, "skip-batch"), RunSeries.EvalPesq(mask.Run, "mask")],
        };

        Assert.Equal([7, 7], spec.Series.Select(s => s.X.Count));
        Assert.Equal(2.81, spec.Series[1].Y[^1]);
        Assert.Equal(0.5, RunSeries.SkipRate(baseline, "skip-batch").Y[0]);
        Assert.Equal(7, RunSeries.GanShare(mask.Run, "mask").Y.Count);

        using var dir = new TempDirectory();
        var doc = new ReportDocument("Experiment").Figure(ChartRenderer.RenderImage(spec, "pesq-arms.png"), "Eval PESQ per arm");
        ReportWriter.Write(doc, dir.Path);
        Assert.True(new FileInfo(Path.Combine(dir.Path, "pesq-arms.png")).Length > 10_000);
    }
}
