using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Perceptor.Audio;
using Perceptor.Quality.Pesq;
using Perceptor.Quality.Scoring;
using Perceptor.Tests;
using Perceptor.Cli.Tests.Commands;

namespace Perceptor.Cli.Tests;

/// <summary><c>perceptor pesq</c> and <c>perceptor bench</c>: argument handling, output and exit codes.</summary>
public sealed class PesqCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perceptor-cli-pesq-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CapturedRun.Of(args);

    private static string Voicebank(string kind, string name) => TestData.Path("voicebank-samples", kind, name + ".wav");

    [Theory]
    [InlineData(new string[] { "pesq" }, "give REF.wav DEG.wav")]
    [InlineData(new[] { "pesq", "one.wav" }, "got 1 file argument")]
    [InlineData(new[] { "pesq", "a.wav", "b.wav", "--cases", "c.csv" }, "only one of")]
    [InlineData(new[] { "pesq", "--clean", "dir" }, "both --clean DIR and --degraded DIR")]
    [InlineData(new[] { "pesq", "--cases", "c.csv", "--mode", "wb" }, "--mode does not apply")]
    [InlineData(new[] { "pesq", "a.wav", "b.wav", "--out", "x.csv" }, "--out is for --cases")]
    public void Usage_errors_exit_with_2_and_say_what_is_wrong(string[] args, string message)
    {
        var (code, _, err) = Run(args);
        Assert.Equal(2, code);
        Assert.Contains(message, err);
    }

    [Fact]
    public void An_unknown_mode_is_rejected()
    {
        var (code, _, _) = Run("pesq", "a.wav", "b.wav", "--mode", "xb");
        Assert.NotEqual(0, code);
    }

    [Fact]
    public void A_pair_prints_the_library_score()
    {
        string reference = Voicebank("clean", "p232_005"), degraded = Voicebank("noisy", "p232_005");
        var (code, output, _) = Run("pesq", reference, degraded, "--mode", "nb");
        Assert.Equal(0, code);
        double expected = PesqScorer.Score(WavFile.Read(reference).Span, WavFile.Read(degraded).Span, 16000,
            PesqMode.Narrowband).Score;
        Assert.Equal(expected.ToString("0.000000", CultureInfo.InvariantCulture), output.Trim());
    }

    [Fact]
    public void A_missing_file_names_the_file_and_exits_with_1()
    {
        string missing = Path.Combine(_dir, "missing.wav");
        var (code, _, err) = Run("pesq", Voicebank("clean", "p232_005"), missing);
        Assert.Equal(1, code);
        Assert.Contains(missing, err);
    }

    [Fact]
    public void Files_at_different_rates_are_an_error_naming_both()
    {
        string eight = TestData.Path("pesq", "fs8k", "p232_006_clean_8k.wav");
        var (code, _, err) = Run("pesq", Voicebank("clean", "p232_006"), eight);
        Assert.Equal(1, code);
        Assert.Contains("8000 Hz", err);
        Assert.Contains(eight, err);
    }

    [Fact]
    public void A_pair_that_cannot_be_scored_says_why()
    {
        string reference = Voicebank("clean", "p232_005");
        string silent = Path.Combine(_dir, "silent.wav");
        WavFile.Write(silent, new AudioSignal(new float[WavFile.Read(reference).Length], 16000));
        var (code, _, err) = Run("pesq", reference, silent);
        Assert.Equal(1, code);
        Assert.Contains("silent_degraded", err);
    }

    [Fact]
    public void A_case_file_is_scored_into_the_results_file()
    {
        string csv = Path.Combine(_dir, "cases.csv");
        File.WriteAllLines(csv,
        [
            "id,ref,deg,fs,mode,expected",
            $"one,{Voicebank("clean", "p232_005")},{Voicebank("noisy", "p232_005")},16000,wb,1.33",
            $"two,{Voicebank("clean", "p232_005")},{Path.Combine(_dir, "gone.wav")},16000,wb,",
        ]);
        string results = Path.Combine(_dir, "results.csv");
        var (code, output, _) = Run("pesq", "--cases", csv, "--out", results, "--threads", "2");
        Assert.Equal(1, code);
        Assert.Contains("scored 1 of 2", output);
        Assert.Contains("unreadable 1", output);
        var lines = File.ReadAllLines(results);
        Assert.Equal("id,score,error", lines[0]);
        Assert.StartsWith("one,1.33", lines[1]);
        Assert.StartsWith("two,,unreadable: ", lines[2]);
        Assert.Contains("gone.wav", lines[2]);
    }

    [Fact]
    public void A_case_file_without_out_prints_the_csv_and_logs_progress_to_stderr()
    {
        string csv = Path.Combine(_dir, "cases.csv");
        File.WriteAllLines(csv, ["id,ref,deg,fs,mode", $"one,{Voicebank("clean", "p257_011")},{Voicebank("noisy", "p257_011")},44100,nb"]);
        var (code, output, err) = Run("pesq", "--cases", csv);
        Assert.Equal(1, code);
        Assert.Equal(["id,score,error", "one,,invalid_fs"], output.Trim().Split('\n'));
        Assert.Contains("scored 0 of 1; no pair scored", err);
        Assert.Contains("pesq cases: 1/1 (100%)", err);
    }

    [Fact]
    public void A_malformed_row_is_reported_by_line_and_the_rest_is_scored()
    {
        string csv = Path.Combine(_dir, "bad.csv");
        File.WriteAllLines(csv,
        [
            "id,ref,deg,fs,mode",
            "x,a.wav,b.wav,fast,wb",
            $"good,{Voicebank("clean", "p232_005")},{Voicebank("noisy", "p232_005")},16000,wb",
            $"good,{Voicebank("clean", "p232_005")},{Voicebank("noisy", "p232_005")},16000,nb",
        ]);
        var (code, output, err) = Run("pesq", "--cases", csv);
        Assert.Equal(1, code);
        Assert.Contains($"{csv}, line 2: fs 'fast'", err);
        Assert.Contains($"{csv}, line 4: id 'good' repeats the id of line 3", err);
        var rows = output.Trim().Split('\n');
        Assert.Equal(3, rows.Length);
        Assert.Matches(@"^good,\d\.\d{6},$", rows[1]);
        Assert.Matches(@"^good,\d\.\d{6},$", rows[2]);
        Assert.Matches(@"scored 2 of 2; mean MOS-LQO wb \d\.\d{3} \(1\), nb \d\.\d{3} \(1\)", err);
    }

    [Fact]
    public void A_case_file_where_no_row_can_be_read_is_unusable_input()
    {
        string csv = Path.Combine(_dir, "bad.csv");
        File.WriteAllLines(csv, ["id,ref,deg,fs,mode", "x,a.wav,b.wav,fast,wb"]);
        var (code, output, err) = Run("pesq", "--cases", csv);
        Assert.Equal(2, code);
        Assert.Contains("line 2", err);
        Assert.Contains("nothing scored", err);
        Assert.Empty(output);
    }

    [Fact]
    public void A_case_file_without_its_columns_is_unusable_input()
    {
        string csv = Path.Combine(_dir, "header.csv");
        File.WriteAllLines(csv, ["id,ref,deg", "x,a.wav,b.wav"]);
        var (code, _, err) = Run("pesq", "--cases", csv);
        Assert.Equal(2, code);
        Assert.Contains("lacks column(s) fs, mode", err);
    }

    [Fact]
    public void Two_folders_given_as_files_are_told_how_to_score_folders()
    {
        string clean = Directory.CreateDirectory(Path.Combine(_dir, "c")).FullName;
        string noisy = Directory.CreateDirectory(Path.Combine(_dir, "n")).FullName;
        var (code, _, err) = Run("pesq", clean, noisy);
        Assert.Equal(2, code);
        Assert.Contains($"{clean} is a folder", err);
        Assert.Contains("--clean DIR --degraded DIR", err);
        Assert.DoesNotContain("not found", err);
    }

    [Fact]
    public void Json_output_is_one_object_with_the_csv_fields_and_the_summary()
    {
        string csv = Path.Combine(_dir, "cases.csv");
        File.WriteAllLines(csv,
        [
            "id,ref,deg,fs,mode",
            $"w,{Voicebank("clean", "p232_005")},{Voicebank("noisy", "p232_005")},16000,wb",
            $"n,{Voicebank("clean", "p232_005")},{Voicebank("noisy", "p232_005")},16000,nb",
            $"gone,{Voicebank("clean", "p232_005")},{Path.Combine(_dir, "gone.wav")},16000,wb",
            "bad,a.wav,b.wav,16000,xx",
        ]);
        string results = Path.Combine(_dir, "results.csv");
        var (code, output, err) = Run("pesq", "--cases", csv, "--out", results, "--format", "json");
        Assert.Equal(1, code);
        Assert.Contains("wrote 3 results", err);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("cases", root.GetProperty("form").GetString());

        // Every CSV row appears in the JSON with the same id, score (to the CSV's six decimals) and error.
        var csvRows = File.ReadAllLines(results).Skip(1).Select(l => l.Split(',', 3)).ToList();
        var jsonRows = root.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(csvRows.Count, jsonRows.Count);
        for (int i = 0; i < csvRows.Count; i++)
        {
            Assert.Equal(csvRows[i][0], jsonRows[i].GetProperty("id").GetString());
            var score = jsonRows[i].GetProperty("score");
            Assert.Equal(csvRows[i][1], score.ValueKind == JsonValueKind.Null ? "" :
                score.GetDouble().ToString("0.000000", CultureInfo.InvariantCulture));
            var error = jsonRows[i].GetProperty("error");
            Assert.Equal(csvRows[i][2].Trim('"'), error.ValueKind == JsonValueKind.Null ? "" : error.GetString());
        }

        Assert.Equal("nb", jsonRows[1].GetProperty("mode").GetString());
        Assert.Equal("unreadable", jsonRows[2].GetProperty("failure").GetString());
        var summary = root.GetProperty("summary");
        Assert.Equal(3, summary.GetProperty("total").GetInt32());
        Assert.Equal(2, summary.GetProperty("scored").GetInt32());
        Assert.Equal(1, summary.GetProperty("failed").GetInt32());
        Assert.Equal(jsonRows[0].GetProperty("score").GetDouble(),
            summary.GetProperty("means").GetProperty("wb").GetProperty("mean").GetDouble());
        Assert.Equal(1, summary.GetProperty("means").GetProperty("nb").GetProperty("scored").GetInt32());
        Assert.Equal(1, summary.GetProperty("failures").GetProperty("unreadable").GetInt32());
        Assert.Equal(5, root.GetProperty("case_problems")[0].GetProperty("line").GetInt32());
    }

    [Fact]
    public void A_pair_as_json_carries_its_score_and_mode()
    {
        string reference = Voicebank("clean", "p232_005"), degraded = Voicebank("noisy", "p232_005");
        var (code, output, _) = Run("pesq", reference, degraded, "--format", "json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var row = json.RootElement.GetProperty("results")[0];
        double expected = PesqScorer.Score(WavFile.Read(reference).Span, WavFile.Read(degraded).Span, 16000,
            PesqMode.Wideband).Score;
        Assert.Equal(expected, row.GetProperty("score").GetDouble());
        Assert.Equal("wb", row.GetProperty("mode").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("failure").ValueKind);
    }

    [Fact]
    public void Folders_are_scored_with_a_summary_and_missing_names_reported()
    {
        string clean = Directory.CreateDirectory(Path.Combine(_dir, "clean")).FullName;
        string noisy = Directory.CreateDirectory(Path.Combine(_dir, "noisy")).FullName;
        File.Copy(Voicebank("clean", "p232_005"), Path.Combine(clean, "a.wav"));
        File.Copy(Voicebank("noisy", "p232_005"), Path.Combine(noisy, "a.wav"));
        File.Copy(Voicebank("clean", "p232_006"), Path.Combine(clean, "only-clean.wav"));
        string results = Path.Combine(_dir, "folder.csv");
        var (code, output, err) = Run("pesq", "--clean", clean, "--degraded", noisy, "--out", results);
        Assert.Equal(1, code);
        Assert.Contains("scored 1 of 1; mean MOS-LQO wb ", output);
        Assert.Contains("only-clean.wav", err);
        Assert.StartsWith("file,score,error", File.ReadAllText(results));
    }

    [Fact]
    public void Folders_without_common_names_are_an_error()
    {
        string clean = Directory.CreateDirectory(Path.Combine(_dir, "c")).FullName;
        string noisy = Directory.CreateDirectory(Path.Combine(_dir, "n")).FullName;
        var (code, _, err) = Run("pesq", "--clean", clean, "--degraded", noisy);
        Assert.Equal(2, code);
        Assert.Contains("no .wav file name", err);
    }

    [Fact]
    public void Folders_that_all_score_exit_0_and_folders_where_every_pair_fails_exit_1()
    {
        string clean = Directory.CreateDirectory(Path.Combine(_dir, "clean")).FullName;
        string noisy = Directory.CreateDirectory(Path.Combine(_dir, "noisy")).FullName;
        File.Copy(Voicebank("clean", "p232_005"), Path.Combine(clean, "a.wav"));
        File.Copy(Voicebank("noisy", "p232_005"), Path.Combine(noisy, "a.wav"));
        Assert.Equal(0, Run("pesq", "--clean", clean, "--degraded", noisy).Code);

        int length = WavFile.Read(Voicebank("clean", "p232_005")).Length;
        WavFile.Write(Path.Combine(noisy, "a.wav"), new AudioSignal(new float[length], 16000));
        var (code, output, err) = Run("pesq", "--clean", clean, "--degraded", noisy);
        Assert.Equal(1, code);
        Assert.Contains("scored 0 of 1; no pair scored", output);
        Assert.Contains("failures: silent_degraded 1", output);
        Assert.Contains("a.wav: silent_degraded", err);
    }

    [Fact]
    public void Bench_is_a_parent_command_with_a_pesq_subcommand()
    {
        var bench = Program.BuildRoot().Subcommands.Single(c => c.Name == "bench");
        Assert.Contains(bench.Subcommands, c => c.Name == "pesq");
        var parse = Program.BuildRoot().Parse(["bench", "pesq", "--reps", "3", "--threads", "2"]);
        Assert.Empty(parse.Errors);
        var (code, _, err) = Run("bench", "pesq", "--reps", "0");
        Assert.Equal(2, code);
        Assert.Contains("--reps", err);
    }
}
