using System.Globalization;
using Perceptor.Quality.Evaluation;
using Perceptor.Quality.Pesq;
using Xunit.Abstractions;

namespace Perceptor.Quality.Tests.Evaluation;

/// <summary>
/// The 25 VoiceBank noisy files against the values the reference Python tools published for them
/// (CMGAN's compute_metrics.py log). Tolerances: CSIG/CBAK/COVL 0.02, SSNR 0.05, STOI 0.002, PESQ 0.005.
/// </summary>
public class PublishedMetricsTests(ITestOutputHelper output)
{
    private const double CompositeTolerance = 0.02;
    private const double SsnrTolerance = 0.05;
    private const double StoiTolerance = 0.002;
    private const double PesqTolerance = 0.005;

    /// <summary>
    /// SSNR, STOI, and CSIG/CBAK/COVL computed with the published PESQ substituted: validates LLR, WSS, SSNR, STOI
    /// and the composite regressions independently of our PESQ.
    /// </summary>
    [Fact]
    public void Composite_ssnr_and_stoi_match_the_published_values_with_the_published_pesq()
    {
        var diffs = Score(usePublishedPesq: true, out var failures);
        Report("published PESQ substituted", diffs);
        Assert.Empty(failures);
        AssertWithin(diffs, QualityMetric.Csig, CompositeTolerance);
        AssertWithin(diffs, QualityMetric.Cbak, CompositeTolerance);
        AssertWithin(diffs, QualityMetric.Covl, CompositeTolerance);
        AssertWithin(diffs, QualityMetric.Ssnr, SsnrTolerance);
        AssertWithin(diffs, QualityMetric.Stoi, StoiTolerance);
    }

    /// <summary>The full table with our wideband PESQ: passes once PESQ is implemented.</summary>
    [Fact]
    [Trait("Requires", "Pesq")]
    public void The_full_table_matches_the_published_values_with_native_pesq()
    {
        var diffs = Score(usePublishedPesq: false, out var failures);
        Report("native PESQ", diffs);
        Assert.Empty(failures);
        AssertWithin(diffs, QualityMetric.Pesq, PesqTolerance);
        AssertWithin(diffs, QualityMetric.Csig, CompositeTolerance);
        AssertWithin(diffs, QualityMetric.Cbak, CompositeTolerance);
        AssertWithin(diffs, QualityMetric.Covl, CompositeTolerance);
        AssertWithin(diffs, QualityMetric.Ssnr, SsnrTolerance);
        AssertWithin(diffs, QualityMetric.Stoi, StoiTolerance);
    }

    private Dictionary<QualityMetric, List<(string Name, double Diff)>> Score(bool usePublishedPesq, out List<string> failures)
    {
        var diffs = QualityMetrics.Standard.ToDictionary(m => m, _ => new List<(string, double)>());
        failures = [];
        foreach (var row in VoiceBank.PublishedMetrics)
        {
            var options = usePublishedPesq
                ? new QualityScorerOptions { Pesq = (_, _, _) => PesqResult.Success(row.Pesq) }
                : new QualityScorerOptions();
            var clean = VoiceBank.Clean(row.Name);
            var noisy = VoiceBank.Noisy(row.Name);
            var scores = new QualityScorer(options).Score(clean.Span, noisy.Span, clean.SampleRate);
            double[] expected = [row.Pesq, row.Csig, row.Cbak, row.Covl, row.Ssnr, row.Stoi];
            for (int i = 0; i < QualityMetrics.Standard.Count; i++)
            {
                var metric = QualityMetrics.Standard[i];
                if (scores[metric].Value is double v)
                {
                    diffs[metric].Add((row.Name, v - expected[i]));
                }
                else
                {
                    failures.Add($"{row.Name} {QualityMetrics.Key(metric)}: {scores[metric].Failure}");
                }
            }
        }

        return diffs;
    }

    private void Report(string title, Dictionary<QualityMetric, List<(string Name, double Diff)>> diffs)
    {
        output.WriteLine($"max |ours - published| over {VoiceBank.PublishedMetrics.Count} files ({title}):");
        foreach (var (metric, list) in diffs)
        {
            if (list.Count == 0)
            {
                output.WriteLine($"  {QualityMetrics.Label(metric)}: no values");
                continue;
            }

            var worst = list.MaxBy(d => Math.Abs(d.Diff));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {QualityMetrics.Label(metric)}: {Math.Abs(worst.Diff):0.00e+0} ({worst.Name}), mean |diff| {list.Average(d => Math.Abs(d.Diff)):0.00e+0}"));
        }
    }

    private static void AssertWithin(Dictionary<QualityMetric, List<(string Name, double Diff)>> diffs, QualityMetric metric, double tolerance)
    {
        var list = diffs[metric];
        Assert.Equal(VoiceBank.PublishedMetrics.Count, list.Count);
        var bad = list.Where(d => Math.Abs(d.Diff) > tolerance).Select(d => $"{d.Name}: {d.Diff:+0.000000;-0.000000}").ToList();
        Assert.True(bad.Count == 0, $"{QualityMetrics.Label(metric)} beyond {tolerance}: {string.Join(", ", bad)}");
    }
}
