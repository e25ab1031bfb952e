using System.Text.Json;
using Perceptor.Quality.Pesq;
using Perceptor.Quality.Scoring;

namespace Perceptor.Quality.Tests.Scoring;

/// <summary>The JSON form of PESQ results: every documented key, per-mode means and the folder fields.</summary>
public sealed class PesqResultsJsonTests
{
    [Fact]
    public void A_folder_report_lists_every_pair_the_summary_per_mode_and_the_unmatched_names()
    {
        var report = new PesqDirectoryReport(
        [
            PesqFileOutcome.Scored("a.wav", 2.5, PesqMode.Wideband),
            PesqFileOutcome.Scored("b.wav", 3.5, PesqMode.Wideband),
            PesqFileOutcome.Failed("c.wav", PesqFileFailure.RateMismatch, "c.wav is 8000 Hz", PesqMode.Narrowband),
        ], ["only-clean.wav"], ["only-degraded.wav"]);
        using var json = JsonDocument.Parse(PesqResultsJson.FormatFolders(report));
        var root = json.RootElement;
        Assert.Equal(
            ["form", "results", "summary", "case_problems", "missing_degraded", "missing_reference"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("folders", root.GetProperty("form").GetString());
        var rows = root.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["a.wav", "b.wav", "c.wav"], rows.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(["id", "score", "mode", "failure", "error"], rows[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("rate_mismatch", rows[2].GetProperty("failure").GetString());
        Assert.Equal("rate_mismatch: c.wav is 8000 Hz", rows[2].GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("score").ValueKind);

        var summary = root.GetProperty("summary");
        Assert.Equal(3.0, summary.GetProperty("means").GetProperty("wb").GetProperty("mean").GetDouble());
        Assert.False(summary.GetProperty("means").TryGetProperty("nb", out _));
        Assert.Equal(1, summary.GetProperty("failures").GetProperty("rate_mismatch").GetInt32());
        Assert.Equal(["only-clean.wav"], root.GetProperty("missing_degraded").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["only-degraded.wav"], root.GetProperty("missing_reference").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, root.GetProperty("case_problems").GetArrayLength());
    }
}
