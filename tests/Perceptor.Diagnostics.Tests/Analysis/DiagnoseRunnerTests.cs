using System.Text.Json;
using System.Text.RegularExpressions;
using Perceptor.Diagnostics.Analysis;
using Perceptor.Diagnostics.Readers;
using Perceptor.Diagnostics.Runs;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Analysis;

public class DiagnoseRunnerTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void Our_run_gets_a_full_self_contained_report()
    {
        using var dir = new TempDirectory();
        string runFolder = Path.Combine(dir.Path, "run");
        new PerceptorRun { SkipEvery = 5, TinyEvery = 3, DriftFrom = 4, GanShare = 0.03 }.Write(runFolder);
        string outDir = Path.Combine(runFolder, "report");

        var outcome = DiagnoseRunner.Run(new DiagnoseRequest { Path = runFolder, OutDirectory = outDir });

        string[] pngs = ["eval-pesq.png", "losses.png", "disc-loss.png", "skip-rate.png", "calibration.png", "grad-shares.png"];
        foreach (string png in pngs)
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(outDir, png));
            Assert.Equal(PngSignature, bytes[..8]);
            Assert.True(bytes.Length > 10_000, $"{png} is only {bytes.Length} bytes");
        }

        string html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Assert.Equal(pngs.Length, Regex.Count(html, "src=\"data:image/png;base64,"));
        Assert.DoesNotMatch("(src|href)=\"(?!data:)", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("pesq-collapse", html, StringComparison.Ordinal);
        Assert.True(html.Length > 50_000);

        string md = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Assert.All(pngs, p => Assert.Contains($"]({p})", md, StringComparison.Ordinal));
        Assert.Contains("disc-miscalibrated", md, StringComparison.Ordinal);
        Assert.Equal(pngs.Length + 2, outcome.FilesWritten.Count);
        Assert.Contains("Collapse: YES", outcome.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void A_short_or_killed_run_still_gets_a_report(int epochs, bool finished)
    {
        using var dir = new TempDirectory();
        string runFolder = Path.Combine(dir.Path, "run");
        new PerceptorRun { Pesq = new[] { 2.3, 2.4 }[..epochs], SkipEvery = 7, Finished = finished }.Write(runFolder);
        string outDir = Path.Combine(runFolder, "report");

        var outcome = DiagnoseRunner.Run(new DiagnoseRequest { Path = runFolder, OutDirectory = outDir, Format = OutputFormat.Json });

        Assert.True(File.Exists(Path.Combine(outDir, "report.html")));
        Assert.True(File.Exists(Path.Combine(outDir, "disc-loss.png")));
        Assert.Equal("exact", SkipRateBasisName(outcome));
        Assert.Null(outcome.Diagnosis.Find(Perceptor.Diagnostics.Findings.FindingIds.PesqCollapse));
    }

    private static string? SkipRateBasisName(DiagnoseOutcome outcome) =>
        JsonDocument.Parse(outcome.Output).RootElement.GetProperty("disc").GetProperty("skip_rate_basis").GetString();

    [Fact]
    public void A_foreign_text_log_gets_the_plots_it_has_data_for()
    {
        using var dir = new TempDirectory();
        string log = new ReferenceLog { SkipShare = 0.2 }.WriteTo(dir.Path);
        string outDir = Path.Combine(dir.Path, "out");

        DiagnoseRunner.Run(new DiagnoseRequest { Path = log, OutDirectory = outDir, Format = OutputFormat.Json });

        Assert.True(File.Exists(Path.Combine(outDir, "eval-pesq.png")));
        Assert.True(File.Exists(Path.Combine(outDir, "disc-loss.png")));
        Assert.False(File.Exists(Path.Combine(outDir, "calibration.png")));
        Assert.False(File.Exists(Path.Combine(outDir, "grad-shares.png")));
    }

    [Fact]
    public void Json_output_is_exactly_one_object()
    {
        using var dir = new TempDirectory();
        string csv = dir.File("log.csv", EpochCsv.Collapse());

        var outcome = DiagnoseRunner.Run(new DiagnoseRequest { Path = csv, Format = OutputFormat.Json });

        using var doc = JsonDocument.Parse(outcome.Output);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        Assert.Equal("csv", doc.RootElement.GetProperty("source").GetProperty("kind").GetString());
    }

    [Fact]
    public void Markdown_output_is_the_report_without_plots()
    {
        using var dir = new TempDirectory();
        string log = new ReferenceLog().WriteTo(dir.Path);

        var outcome = DiagnoseRunner.Run(new DiagnoseRequest { Path = log, Format = OutputFormat.Markdown });

        Assert.StartsWith("# Diagnosis of train.log", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("## Findings", outcome.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(".png", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_kind_can_be_forced()
    {
        using var dir = new TempDirectory();
        string log = dir.File("x.csv", new ReferenceLog().ToString());

        var outcome = DiagnoseRunner.Run(new DiagnoseRequest { Path = log, Kind = LogKind.Text });
        Assert.Equal(LogKind.Text, outcome.Diagnosis.Run.Source.Kind);
        Assert.Throws<LogReadException>(() => DiagnoseRunner.Run(new DiagnoseRequest { Path = log, Kind = LogKind.Csv }));
    }
}
