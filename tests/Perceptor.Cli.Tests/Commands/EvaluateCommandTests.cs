using System.CommandLine;
using System.Text.Json;
using Perceptor.Audio;
using Perceptor.Tests;

namespace Perceptor.Cli.Tests.Commands;

/// <summary><c>perceptor evaluate</c> driven through the command tree with captured writers.</summary>
public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perceptor-cli-eval-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CapturedRun.Of(args);

    /// <summary>Two 2 s VoiceBank pairs: clean/, enhanced/ (the noisy files stand in for an enhancer) and noisy/.</summary>
    private (string Clean, string Enhanced, string Noisy) Folders()
    {
        string clean = Directory.CreateDirectory(Path.Combine(_dir, "clean")).FullName;
        string enhanced = Directory.CreateDirectory(Path.Combine(_dir, "enhanced")).FullName;
        string noisy = Directory.CreateDirectory(Path.Combine(_dir, "noisy")).FullName;
        foreach (string name in new[] { "p232_003", "p257_015" })
        {
            var c = WavFile.Read(TestData.Path("voicebank-samples", "clean", name + ".wav")).Slice(0, 32000);
            var n = WavFile.Read(TestData.Path("voicebank-samples", "noisy", name + ".wav")).Slice(0, 32000);
            WavFile.Write(Path.Combine(clean, name + ".wav"), c);
            WavFile.Write(Path.Combine(enhanced, name + ".wav"), n);
            WavFile.Write(Path.Combine(noisy, name + ".wav"), n);
        }

        return (clean, enhanced, noisy);
    }

    private static int Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    [Fact]
    public void An_out_path_that_is_a_file_exits_with_2_and_one_line()
    {
        var (clean, enhanced, _) = Folders();
        string file = Path.Combine(_dir, "results.txt");
        File.WriteAllText(file, "keep me");
        var (code, output, err) = Run("evaluate", "--clean", clean, "--enhanced", enhanced, "--out", file);
        Assert.Equal(2, code);
        Assert.Equal(1, Lines(err));
        Assert.Contains(file, err, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", err, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Fact]
    public void Json_format_prints_one_object_with_the_summary_and_every_file()
    {
        var (clean, enhanced, noisy) = Folders();
        string outDir = Path.Combine(_dir, "out");
        var (code, output, _) = Run("evaluate", "--clean", clean, "--enhanced", enhanced, "--noisy", noisy, "--out", outDir,
            "--format", "json", "--jobs", "1");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("files").GetProperty("scored").GetInt32());
        foreach (string metric in new[] { "pesq", "csig", "cbak", "covl", "ssnr", "stoi", "siSdr", "estoi" })
        {
            Assert.Equal(2, root.GetProperty("metrics").GetProperty(metric).GetProperty("count").GetInt32());
            // The enhanced files are the noisy ones, so every improvement is exactly zero.
            Assert.Equal(0.0, root.GetProperty("delta").GetProperty(metric).GetProperty("mean").GetDouble());
        }

        var files = root.GetProperty("perFile").EnumerateArray().ToList();
        Assert.Equal(["p232_003", "p257_015"], files.Select(f => f.GetProperty("name").GetString()));
        Assert.All(files, f => Assert.InRange(f.GetProperty("estoi").GetDouble(), 0.0, 1.0));
        Assert.All(files, f => Assert.Equal(f.GetProperty("siSdr").GetDouble(), f.GetProperty("noisySiSdr").GetDouble()));
        Assert.True(File.Exists(root.GetProperty("written").GetProperty("perFileCsv").GetString()));
        string summary = File.ReadAllText(Path.Combine(outDir, "summary.json"));
        Assert.Contains("\"si_sdr\"", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_format_shows_the_new_metrics_beside_the_noisy_input()
    {
        var (clean, enhanced, noisy) = Folders();
        var (code, output, _) = Run("evaluate", "--clean", clean, "--enhanced", enhanced, "--noisy", noisy,
            "--out", Path.Combine(_dir, "out"), "--jobs", "1");
        Assert.Equal(0, code);
        string siSdr = output.Split('\n').Single(l => l.StartsWith("SI-SDR", StringComparison.Ordinal));
        string estoi = output.Split('\n').Single(l => l.StartsWith("ESTOI", StringComparison.Ordinal));
        Assert.Contains("+0.000", siSdr, StringComparison.Ordinal);
        Assert.Contains("+0.0000", estoi, StringComparison.Ordinal);
        Assert.Contains("written: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_clean_folder_writes_nothing_keeps_earlier_results_and_exits_with_2()
    {
        var (clean, enhanced, _) = Folders();
        string outDir = Path.Combine(_dir, "out");
        var (first, _, _) = Run("evaluate", "--clean", clean, "--enhanced", enhanced, "--out", outDir, "--jobs", "1");
        Assert.Equal(0, first);
        string csv = File.ReadAllText(Path.Combine(outDir, "per_file.csv"));
        string wrong = Directory.CreateDirectory(Path.Combine(_dir, "other")).FullName;
        WavFile.Write(Path.Combine(wrong, "unrelated.wav"), WavFile.Read(Path.Combine(clean, "p232_003.wav")));
        var (code, output, err) = Run("evaluate", "--clean", wrong, "--enhanced", enhanced, "--out", outDir);
        Assert.Equal(2, code);
        Assert.Equal(1, Lines(err));
        Assert.Contains(wrong, err, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.Equal(csv, File.ReadAllText(Path.Combine(outDir, "per_file.csv")));

        string empty = Directory.CreateDirectory(Path.Combine(_dir, "empty")).FullName;
        var (emptyCode, _, emptyErr) = Run("evaluate", "--clean", empty, "--enhanced", enhanced, "--out", outDir);
        Assert.Equal(2, emptyCode);
        Assert.Contains(empty, emptyErr, StringComparison.Ordinal);
        Assert.Equal(csv, File.ReadAllText(Path.Combine(outDir, "per_file.csv")));
    }

    [Fact]
    public void When_every_pair_fails_nothing_is_written_and_the_exit_code_is_2()
    {
        var (clean, _, _) = Folders();
        string broken = Directory.CreateDirectory(Path.Combine(_dir, "broken")).FullName;
        File.WriteAllText(Path.Combine(broken, "p232_003.wav"), "not audio");
        string outDir = Path.Combine(_dir, "out2");
        var (code, output, err) = Run("evaluate", "--clean", clean, "--enhanced", broken, "--out", outDir, "--format", "json");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("no pair could be scored", err, StringComparison.Ordinal);
        Assert.Contains("p232_003", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void An_unknown_format_is_a_usage_error()
    {
        var (clean, enhanced, _) = Folders();
        var (code, _, err) = Run("evaluate", "--clean", clean, "--enhanced", enhanced, "--format", "xml");
        Assert.Equal(2, code);
        Assert.Contains("--format", err, StringComparison.Ordinal);
    }
}
