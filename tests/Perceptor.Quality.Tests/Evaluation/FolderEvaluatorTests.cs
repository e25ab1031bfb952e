using System.Globalization;
using System.Text.Json;
using Perceptor.Audio;
using Perceptor.Quality.Evaluation;
using Perceptor.Quality.Pesq;

namespace Perceptor.Quality.Tests.Evaluation;

public sealed class FolderEvaluatorTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "perceptor-eval-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string Dir(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;

    private static AudioSignal Head(AudioSignal s) => s.Slice(0, 32000);

    /// <summary>
    /// Three good pairs, a clean file without enhanced output, an enhanced file that is not audio, an enhanced file at
    /// another rate, an enhanced file without clean reference, and a noisy folder missing one file.
    /// </summary>
    private (string Clean, string Enhanced, string Noisy) Build()
    {
        string clean = Dir("clean"), enhanced = Dir("enhanced"), noisy = Dir("noisy");
        string[] good = ["p232_003", "p232_011", "p257_015"];
        foreach (string name in good)
        {
            WavFile.Write(Path.Combine(clean, name + ".wav"), Head(VoiceBank.Clean(name)));
            WavFile.Write(Path.Combine(enhanced, name + ".wav"), Head(VoiceBank.Noisy(name)));
            if (name != "p257_015")
            {
                WavFile.Write(Path.Combine(noisy, name + ".wav"), Head(VoiceBank.Noisy(name)));
            }
        }

        WavFile.Write(Path.Combine(clean, "missing.wav"), Head(VoiceBank.Clean("p232_005")));
        WavFile.Write(Path.Combine(clean, "broken.wav"), Head(VoiceBank.Clean("p232_006")));
        File.WriteAllText(Path.Combine(enhanced, "broken.wav"), "not audio at all");
        WavFile.Write(Path.Combine(clean, "rate.wav"), Head(VoiceBank.Clean("p232_014")));
        WavFile.Write(Path.Combine(enhanced, "rate.wav"), new AudioSignal(Head(VoiceBank.Noisy("p232_014")).Samples, 8000));
        WavFile.Write(Path.Combine(enhanced, "orphan.wav"), Head(VoiceBank.Noisy("p232_015")));
        File.WriteAllText(Path.Combine(enhanced, "readme.txt"), "ignored: not a wav");
        return (clean, enhanced, noisy);
    }

    [Fact]
    public void Problems_are_reported_by_name_and_the_other_files_are_scored()
    {
        var (clean, enhanced, noisy) = Build();
        string output = Path.Combine(_root, "out");
        var progress = new List<EvaluationProgress>();
        var result = FolderEvaluator.Run(new FolderEvaluationOptions
        {
            CleanDirectory = clean,
            EnhancedDirectory = enhanced,
            NoisyDirectory = noisy,
            OutputDirectory = output,
            MaxDegreeOfParallelism = 2,
            Scorer = new QualityScorerOptions { Pesq = (_, _, _) => PesqResult.Success(2.0) },
        }, new LockedProgress(progress));

        var rows = result.Table.Rows.ToDictionary(r => r.Name);
        Assert.Equal(["broken", "missing", "orphan", "p232_003", "p232_011", "p257_015", "rate"], result.Table.Rows.Select(r => r.Name));
        Assert.Equal(7, progress.Count);
        Assert.Equal(7, progress.Max(p => p.Completed));
        // broken, missing, orphan and rate finish without scores; the progress says so by the last file.
        Assert.Equal(4, progress.Single(p => p.Completed == 7).NotScored);
        Assert.All(progress, p => Assert.InRange(p.NotScored, 0, p.Completed));
        Assert.Contains("no enhanced file", rows["missing"].Problem, StringComparison.Ordinal);
        Assert.Contains("no clean reference", rows["orphan"].Problem, StringComparison.Ordinal);
        Assert.Contains("unreadable enhanced file", rows["broken"].Problem, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(enhanced, "broken.wav"), rows["broken"].Problem, StringComparison.Ordinal);
        Assert.Contains("sample rate mismatch", rows["rate"].Problem, StringComparison.Ordinal);
        foreach (string good in new[] { "p232_003", "p232_011", "p257_015" })
        {
            Assert.Null(rows[good].Problem);
            Assert.All(QualityMetrics.All, m => Assert.NotNull(rows[good].Enhanced[m].Value));
        }

        Assert.Contains("no noisy file", rows["p257_015"].Noisy!.Pesq.Failure, StringComparison.Ordinal);
        Assert.NotNull(rows["p232_003"].Delta(QualityMetric.Stoi));
        // The enhanced files are the noisy inputs, so the improvement is exactly zero.
        Assert.Equal(0.0, rows["p232_003"].Delta(QualityMetric.Ssnr));

        var stoi = result.Table.Summary(QualityMetric.Stoi);
        Assert.Equal(3, stoi.Count);
        Assert.Equal(4, stoi.Failed);
        Assert.Equal(new[] { "p232_003", "p232_011", "p257_015" }.Average(n => rows[n].Enhanced.Stoi.Value!.Value), stoi.Mean!.Value, 12);

        // per_file.csv: a row per file, empty metric cells carry their reason.
        var csv = File.ReadAllLines(result.PerFileCsvPath!);
        Assert.StartsWith("name,pesq,csig,cbak,covl,ssnr,stoi,noisy_pesq,", csv[0], StringComparison.Ordinal);
        Assert.EndsWith(",failures,noisy_failures,notes,si_sdr,estoi,noisy_si_sdr,noisy_estoi,delta_si_sdr,delta_estoi", csv[0], StringComparison.Ordinal);
        Assert.Equal(8, csv.Length);
        string broken = csv.Single(l => l.StartsWith("broken,", StringComparison.Ordinal));
        Assert.StartsWith("broken,,,,,,,", broken, StringComparison.Ordinal);
        Assert.Contains("unreadable enhanced file", broken, StringComparison.Ordinal);
        string good3 = csv.Single(l => l.StartsWith("p232_003,", StringComparison.Ordinal));
        Assert.Equal(rows["p232_003"].Enhanced.Stoi.Value!.Value, double.Parse(good3.Split(',')[6], CultureInfo.InvariantCulture), 6);

        // summary.json: means, counts, failures, problems by name.
        using var json = JsonDocument.Parse(File.ReadAllText(result.SummaryJsonPath!));
        var root = json.RootElement;
        Assert.Equal(7, root.GetProperty("files").GetProperty("total").GetInt32());
        Assert.Equal(3, root.GetProperty("files").GetProperty("scored").GetInt32());
        Assert.Equal(4, root.GetProperty("files").GetProperty("problems").GetInt32());
        Assert.Equal(Math.Round(stoi.Mean.Value, 6), root.GetProperty("metrics").GetProperty("stoi").GetProperty("mean").GetDouble(), 9);
        Assert.Equal(2, root.GetProperty("noisy_metrics").GetProperty("stoi").GetProperty("count").GetInt32());
        Assert.Equal(0.0, root.GetProperty("delta").GetProperty("ssnr").GetProperty("mean").GetDouble());
        var problems = root.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["broken", "missing", "orphan", "rate"], problems);
        Assert.Equal(2, Directory.GetFiles(output).Length); // no temporary file left behind

        string text = EvaluationTableText.Format(result.Table);
        Assert.Contains("STOI", text, StringComparison.Ordinal);
        Assert.Contains("delta", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_is_an_error_naming_it()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => FolderEvaluator.Run(new FolderEvaluationOptions
        {
            CleanDirectory = Path.Combine(_root, "nope"),
            EnhancedDirectory = Dir("enh"),
        }));
        Assert.Contains("nope", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folders_without_wav_files_are_an_error()
    {
        Assert.Throws<InvalidDataException>(() => FolderEvaluator.Run(new FolderEvaluationOptions
        {
            CleanDirectory = Dir("c"),
            EnhancedDirectory = Dir("e"),
        }));
    }

    [Fact]
    public void When_no_pair_can_be_scored_nothing_is_written_and_earlier_results_survive()
    {
        string clean = Dir("c"), enhanced = Dir("e"), output = Dir("out");
        WavFile.Write(Path.Combine(clean, "a.wav"), Head(VoiceBank.Clean("p232_003")));
        File.WriteAllText(Path.Combine(enhanced, "a.wav"), "not audio");
        File.WriteAllText(Path.Combine(output, FolderEvaluator.PerFileCsvName), "earlier csv");
        File.WriteAllText(Path.Combine(output, FolderEvaluator.SummaryJsonName), "earlier json");
        var result = FolderEvaluator.Run(new FolderEvaluationOptions
        {
            CleanDirectory = clean,
            EnhancedDirectory = enhanced,
            OutputDirectory = output,
        });
        Assert.Equal(0, result.Scored);
        Assert.Null(result.PerFileCsvPath);
        Assert.Null(result.SummaryJsonPath);
        Assert.Equal("earlier csv", File.ReadAllText(Path.Combine(output, FolderEvaluator.PerFileCsvName)));
        Assert.Equal("earlier json", File.ReadAllText(Path.Combine(output, FolderEvaluator.SummaryJsonName)));
    }

    [Fact]
    public void A_clean_folder_without_matching_names_or_files_is_an_error_before_anything_is_written()
    {
        string clean = Dir("c"), other = Dir("other"), enhanced = Dir("e"), empty = Dir("empty");
        string output = Path.Combine(_root, "out");
        WavFile.Write(Path.Combine(clean, "a.wav"), Head(VoiceBank.Clean("p232_003")));
        WavFile.Write(Path.Combine(other, "b.wav"), Head(VoiceBank.Clean("p232_005")));
        WavFile.Write(Path.Combine(enhanced, "a.wav"), Head(VoiceBank.Noisy("p232_003")));
        var wrong = Assert.Throws<InvalidDataException>(() => FolderEvaluator.Run(new FolderEvaluationOptions
        {
            CleanDirectory = other,
            EnhancedDirectory = enhanced,
            OutputDirectory = output,
        }));
        Assert.Contains("no file name is in both", wrong.Message, StringComparison.Ordinal);
        var none = Assert.Throws<InvalidDataException>(() => FolderEvaluator.Run(new FolderEvaluationOptions
        {
            CleanDirectory = empty,
            EnhancedDirectory = enhanced,
            OutputDirectory = output,
        }));
        Assert.Contains(empty, none.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void An_output_path_that_is_a_file_is_refused_before_scoring()
    {
        string clean = Dir("c"), enhanced = Dir("e");
        WavFile.Write(Path.Combine(clean, "a.wav"), Head(VoiceBank.Clean("p232_003")));
        WavFile.Write(Path.Combine(enhanced, "a.wav"), Head(VoiceBank.Noisy("p232_003")));
        string file = Path.Combine(_root, "results.csv");
        File.WriteAllText(file, "keep me");
        var scored = 0;
        var e = Assert.Throws<IOException>(() => FolderEvaluator.Run(new FolderEvaluationOptions
        {
            CleanDirectory = clean,
            EnhancedDirectory = enhanced,
            OutputDirectory = file,
        }, new Progress<EvaluationProgress>(_ => Interlocked.Increment(ref scored))));
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
        Assert.Contains("existing file", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, Volatile.Read(ref scored));
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Fact]
    public void The_json_output_carries_the_summary_and_every_csv_row_in_camel_case()
    {
        var (clean, enhanced, noisy) = Build();
        var options = new FolderEvaluationOptions
        {
            CleanDirectory = clean,
            EnhancedDirectory = enhanced,
            NoisyDirectory = noisy,
            OutputDirectory = Path.Combine(_root, "out"),
            Scorer = new QualityScorerOptions { Pesq = (_, _, _) => PesqResult.Success(2.0) },
        };
        var result = FolderEvaluator.Run(options);
        using var json = JsonDocument.Parse(EvaluationJson.Format(result, options));
        var root = json.RootElement;
        Assert.Equal(16000, root.GetProperty("sampleRate").GetInt32());
        Assert.Equal(3, root.GetProperty("files").GetProperty("scored").GetInt32());
        var summary = result.Table.Summary(QualityMetric.SiSdr);
        Assert.Equal(Math.Round(summary.Mean!.Value, 6), root.GetProperty("metrics").GetProperty("siSdr").GetProperty("mean").GetDouble(), 9);
        Assert.Equal(2, root.GetProperty("noisyMetrics").GetProperty("estoi").GetProperty("count").GetInt32());
        Assert.Equal(4, root.GetProperty("problems").GetArrayLength());
        Assert.Equal(result.PerFileCsvPath, root.GetProperty("written").GetProperty("perFileCsv").GetString());

        // Every per_file.csv column is a key of the matching perFile object, with the same value.
        var csv = File.ReadAllLines(result.PerFileCsvPath!);
        string[] header = csv[0].Split(',');
        var rows = root.GetProperty("perFile").EnumerateArray().ToList();
        Assert.Equal(csv.Length - 1, rows.Count);
        string[] good = csv.Single(l => l.StartsWith("p232_003,", StringComparison.Ordinal)).Split(',');
        var row = rows.Single(r => r.GetProperty("name").GetString() == "p232_003");
        Assert.Equal(header.Length, row.EnumerateObject().Count());
        for (int i = 1; i < header.Length; i++)
        {
            var cell = row.GetProperty(Camel(header[i]));
            if (cell.ValueKind == JsonValueKind.Number)
            {
                Assert.Equal(double.Parse(good[i], CultureInfo.InvariantCulture), cell.GetDouble());
            }
            else
            {
                Assert.Equal(good[i], cell.ValueKind == JsonValueKind.Null ? "" : cell.GetString());
            }
        }

        Assert.Equal(JsonValueKind.Number, row.GetProperty("noisySiSdr").ValueKind);
        Assert.Equal(JsonValueKind.Number, row.GetProperty("deltaEstoi").ValueKind);
        var broken = rows.Single(r => r.GetProperty("name").GetString() == "broken");
        Assert.Equal(JsonValueKind.Null, broken.GetProperty("siSdr").ValueKind);
        Assert.Contains("unreadable enhanced file", broken.GetProperty("failures").GetString(), StringComparison.Ordinal);
    }

    // Written here rather than calling the library's conversion, so that the test states the naming rule itself.
    private static string Camel(string snake)
    {
        string[] parts = snake.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private sealed class LockedProgress(List<EvaluationProgress> sink) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value)
        {
            lock (sink)
            {
                sink.Add(value);
            }
        }
    }
}
