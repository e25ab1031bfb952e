using Perceptor.Quality.Pesq;
using Xunit.Abstractions;

namespace Perceptor.Quality.Tests.Pesq;

/// <summary>
/// Agreement with the ITU-T reference implementation on the shared case set: the same failures, every score
/// within 0.005 MOS and at least 95% within 0.001.
/// </summary>
public class PesqConformanceTests(PesqConformanceFixture cases, ITestOutputHelper output) : IClassFixture<PesqConformanceFixture>
{
    [Fact]
    public void Every_error_case_fails_with_the_reference_kind()
    {
        var errors = cases.Rows.Where(r => r.Error.Length > 0).ToList();
        Assert.NotEmpty(errors);
        foreach (var row in errors)
        {
            // The reference returns NaN for a silent degraded signal; we report it as silent_degraded.
            string expected = row.Error == "nan_score" ? PesqResult.KindName(PesqFailure.SilentDegraded) : row.Error;
            Assert.True(row.Outcome.Error == expected, $"{row.Id}: expected {expected}, got {row.Outcome.Error ?? row.Outcome.Score?.ToString()}");
        }

        output.WriteLine($"{errors.Count} error cases agree: " +
            string.Join(", ", errors.GroupBy(r => r.Error).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));
    }

    [Fact]
    public void Every_scored_case_scores()
    {
        foreach (var row in cases.Scored)
        {
            Assert.True(row.Outcome.Score is not null, $"{row.Id}: expected a score, got {row.Outcome.Error}");
        }
    }

    [Fact]
    public void Every_score_is_within_0_005_of_the_reference()
    {
        foreach (string line in cases.Report())
        {
            output.WriteLine(line);
        }

        foreach (var row in cases.Scored.Where(r => r.Outcome.Score is not null))
        {
            Assert.True(row.Difference <= 0.005, $"{row.Id}: expected {row.Expected}, got {row.Outcome.Score}");
        }
    }

    [Fact]
    public void At_least_95_percent_of_scores_are_within_0_001_of_the_reference()
    {
        var scored = cases.Scored.ToList();
        int close = scored.Count(r => r.Difference <= 0.001);
        output.WriteLine($"{close}/{scored.Count} within 0.001 ({100.0 * close / scored.Count:0.0}%)");
        foreach (string line in cases.Report())
        {
            output.WriteLine(line);
        }

        Assert.True(close >= 0.95 * scored.Count, $"only {close} of {scored.Count} within 0.001");
    }

    [Theory]
    [InlineData("wb16")]
    [InlineData("nb16")]
    [InlineData("nb8")]
    public void Each_mode_and_rate_is_covered_and_agrees(string group)
    {
        var rows = cases.Scored.Where(r => r.Group == group).ToList();
        Assert.NotEmpty(rows);
        double max = rows.Max(r => r.Difference);
        double mean = rows.Average(r => r.Difference);
        output.WriteLine($"{group}: n={rows.Count} max|diff|={max:0.000000} mean|diff|={mean:0.000000}");
        Assert.True(max <= 0.005, $"{group}: max |diff| {max}");
    }
}
