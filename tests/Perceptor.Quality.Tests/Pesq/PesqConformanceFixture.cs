using System.Globalization;
using Perceptor.Quality.Scoring;
using Perceptor.Tests;

namespace Perceptor.Quality.Tests.Pesq;

/// <summary>
/// Scores every case of the shared conformance set once (pesq/cases.csv: expected values from the ITU-T
/// reference implementation through the Python pesq package) for the tests that share it.
/// </summary>
public sealed class PesqConformanceFixture
{
    public PesqConformanceFixture()
    {
        string csv = TestData.Path("pesq", "cases.csv");
        var cases = PesqCaseFile.Read(csv).Cases;
        var outcomes = PesqCaseFile.Score(cases);
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        int idColumn = Array.IndexOf(header, "id");
        int expectedColumn = Array.IndexOf(header, "expected");
        int errorColumn = Array.IndexOf(header, "error");
        int fsColumn = Array.IndexOf(header, "fs");
        int modeColumn = Array.IndexOf(header, "mode");
        var rows = new List<ConformanceRow>();
        int k = 0;
        foreach (string line in lines.Skip(1).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            var f = line.Split(',');
            var outcome = outcomes[k++];
            Assert.Equal(f[idColumn], outcome.Id);
            double? expected = f[expectedColumn].Length > 0
                ? double.Parse(f[expectedColumn], CultureInfo.InvariantCulture)
                : null;
            string group = f[modeColumn] + (int.Parse(f[fsColumn], CultureInfo.InvariantCulture) / 1000);
            rows.Add(new ConformanceRow(f[idColumn], group, expected, f[errorColumn], outcome));
        }

        Rows = rows;
    }

    /// <summary>One case with its reference result and ours.</summary>
    public IReadOnlyList<ConformanceRow> Rows { get; }

    /// <summary>Cases where the reference produced a score.</summary>
    public IEnumerable<ConformanceRow> Scored => Rows.Where(r => r.Expected is not null);

    /// <summary>Per group (wb16, nb16, nb8): count, max and mean |difference|, share within 0.001.</summary>
    public IEnumerable<string> Report()
    {
        foreach (var group in Scored.Where(r => r.Outcome.Score is not null).GroupBy(r => r.Group).OrderBy(g => g.Key))
        {
            var d = group.Select(r => r.Difference).ToList();
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{group.Key}: n={d.Count} max|diff|={d.Max():0.000000} mean|diff|={d.Average():0.000000} " +
                $"within 0.001: {d.Count(x => x <= 0.001)}/{d.Count}");
        }

        foreach (var r in Scored.Where(r => r.Outcome.Score is not null).OrderByDescending(r => r.Difference).Take(5))
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"  largest: {r.Id} expected {r.Expected:0.000000} got {r.Outcome.Score:0.000000} |diff| {r.Difference:0.000000}");
        }
    }
}

/// <summary>A conformance case: id, group (mode and rate), the reference's score or error, and our outcome.</summary>
public sealed record ConformanceRow(string Id, string Group, double? Expected, string Error, PesqFileOutcome Outcome)
{
    /// <summary>|ours - reference| for scored cases.</summary>
    public double Difference => Math.Abs((Outcome.Score ?? double.NaN) - (Expected ?? double.NaN));
}
