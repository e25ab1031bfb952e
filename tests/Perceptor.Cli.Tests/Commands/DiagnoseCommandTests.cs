using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Perceptor.Cli.Tests.Commands;

public class DiagnoseCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "perceptor-cli-diag-" + Guid.NewGuid().ToString("N"));

    public DiagnoseCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static (int Code, string Out, string Err) Run(params string[] args) => CapturedRun.Of(args);

    private string Log(int garbledLine = -1)
    {
        double[] pesq = [2.45, 2.58, 2.64, 2.55, 2.60, 2.52, 2.57, 2.18, 2.10, 2.05, 2.15, 2.08];
        var lines = new List<string>();
        for (int e = 0; e < pesq.Length; e++)
        {
            for (int s = 500; s <= 3000; s += 500)
            {
                double disc = (s / 500) % 4 == 0 ? 0.0 : 0.004;
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"INFO:root:GPU: 0, Epoch {e}, Step {s}, loss: {0.16 - (0.003 * e)}, disc_loss: {(disc == 0 ? "0.0" : "0.004")}"));
            }

            lines.Add(string.Create(CultureInfo.InvariantCulture, $"INFO:root:GPU: 0, Test Gen loss: {0.116 - (0.001 * e)}, Disc loss: 0.004, PESQ: {pesq[e]}"));
        }

        if (garbledLine > 0)
        {
            lines[garbledLine - 1] = "INFO:root:GPU: 0, Epoch 1, Step 1500, loss: 0.1$5, disc_loss: 0.004";
        }

        string path = Path.Combine(_dir, "train.log");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void Json_format_prints_exactly_one_object_with_the_answers()
    {
        var (code, stdout, _) = Run("diagnose", Log(), "--format", "json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("pesq-collapse", root.GetProperty("findings")[0].GetProperty("id").GetString());
        Assert.Equal(7, root.GetProperty("collapse").GetProperty("onset_epoch").GetInt32());
        Assert.Equal(1.0 / 6, root.GetProperty("disc").GetProperty("skip_rate").GetDouble(), 9);
    }

    [Fact]
    public void A_garbled_line_is_named_and_the_rest_diagnosed()
    {
        var (code, stdout, _) = Run("diagnose", Log(garbledLine: 10), "--format", "json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var problem = doc.RootElement.GetProperty("problems")[0];
        Assert.Equal(10, problem.GetProperty("line").GetInt32());
        Assert.Contains("0.1$5", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(doc.RootElement.GetProperty("collapse").GetProperty("detected").GetBoolean());
    }

    [Fact]
    public void Out_writes_the_report_and_text_is_the_default()
    {
        string outDir = Path.Combine(_dir, "report");
        var (code, stdout, stderr) = Run("diagnose", Log(), "--out", outDir, "--collapse-epochs", "3");

        Assert.Equal(0, code);
        Assert.Contains("[CRITICAL] pesq-collapse", stdout, StringComparison.Ordinal);
        Assert.Contains("wrote", stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, "report.html")));
        Assert.True(File.Exists(Path.Combine(outDir, "eval-pesq.png")));
    }

    [Fact]
    public void Two_logs_with_a_declared_change_are_compared()
    {
        string before = Log();
        string fixDir = Path.Combine(_dir, "fix");
        Directory.CreateDirectory(fixDir);
        string after = Path.Combine(fixDir, "train.log");
        File.Copy(before, after);

        var (code, stdout, _) = Run("diagnose", before, after, "--label", "fix=pesq.failures=mask", "--format", "json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(2, doc.RootElement.GetProperty("runs").GetArrayLength());
        var h1 = doc.RootElement.GetProperty("comparison").GetProperty("verdicts")[0];
        Assert.Equal(("H1", "ruled-out"), (h1.GetProperty("id").GetString(), h1.GetProperty("verdict").GetString()));
    }

    [Fact]
    public void A_missing_log_fails_with_its_name()
    {
        var (code, stdout, stderr) = Run("diagnose", Path.Combine(_dir, "nope.log"));
        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Contains("nope.log: file not found", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--collapse-drop", "0", "--collapse-drop must be a positive number")]
    [InlineData("--collapse-drop", "-0.2", "--collapse-drop must be a positive number")]
    [InlineData("--collapse-epochs", "0", "--collapse-epochs must be at least 1")]
    [InlineData("--format", "xml", "--format must be text, md or json")]
    [InlineData("--kind", "tsv", "--kind must be auto, run, jsonl, text or csv")]
    [InlineData("--loss-weights", "0.1,0.9", "--loss-weights needs four numbers")]
    [InlineData("--train-pairs", "0", "--train-pairs must be a positive number of pairs")]
    [InlineData("--label", "fix", "--label needs NAME=what-changed")]
    [InlineData("--label", "nolog=pesq.failures=mask", "no log given is named 'nolog'")]
    public void Bad_option_values_exit_with_2_as_documented(string option, string value, string message)
    {
        var (code, stdout, stderr) = Run("diagnose", Log(), option, value);
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--collapse-drop", "0")]
    [InlineData("--collapse-epochs", "0")]
    [InlineData("--format", "xml")]
    [InlineData("--loss-weights", "0.1,0.9")]
    public void Bad_options_are_refused(string option, string value)
    {
        var (code, _, stderr) = Run("diagnose", Log(), option, value);
        Assert.NotEqual(0, code);
        Assert.NotEmpty(stderr);
    }
}
