using Perceptor.Diagnostics.Report;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Report;

public class ReportWriterTests
{
    [Fact]
    public void Writes_markdown_html_and_pngs_and_leaves_no_temporary_files()
    {
        using var dir = new TempDirectory();
        var doc = new ReportDocument("t").Figure(new ReportImage("a.png", [1, 2, 3], 1, 1), "a");
        string outDir = Path.Combine(dir.Path, "nested", "report");

        var files = ReportWriter.Write(doc, outDir);

        Assert.Equal(["a.png", "report.md", "report.html"], files.Select(Path.GetFileName));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(outDir, "a.png")));
        Assert.Equal(3, Directory.GetFiles(outDir).Length);
    }
}
