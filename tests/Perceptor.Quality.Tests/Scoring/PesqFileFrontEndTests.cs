using Perceptor.Audio;
using Perceptor.Quality.Pesq;
using Perceptor.Quality.Scoring;
using Perceptor.Tests;

namespace Perceptor.Quality.Tests.Scoring;

/// <summary>Case files and folder scoring: parsing, per-row errors, order and output format.</summary>
public sealed class PesqFileFrontEndTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perceptor-pesq-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Voicebank(string kind, string name) => TestData.Path("voicebank-samples", kind, name + ".wav");

    [Fact]
    public void Case_files_accept_any_column_order_extra_columns_and_quoted_fields()
    {
        string csv = Path.Combine(_dir, "cases.csv");
        File.WriteAllLines(csv,
        [
            "note,mode,deg,ref,fs,id",
            $"x,wb,{Voicebank("noisy", "p232_005")},{Voicebank("clean", "p232_005")},16000,\"a, quoted id\"",
            $"y,NB,{Voicebank("noisy", "p232_005")},{Voicebank("clean", "p232_005")},16000,plain",
            "",
        ]);
        var list = PesqCaseFile.Read(csv);
        Assert.Empty(list.Problems);
        var cases = list.Cases;
        Assert.Equal(2, cases.Count);
        Assert.Equal("a, quoted id", cases[0].Id);
        Assert.Equal(PesqMode.Wideband, cases[0].Mode);
        Assert.Equal(PesqMode.Narrowband, cases[1].Mode);
        Assert.Equal(16000, cases[1].SampleRate);

        var outcomes = PesqCaseFile.Score(cases);
        var reference = WavFile.Read(Voicebank("clean", "p232_005"));
        var degraded = WavFile.Read(Voicebank("noisy", "p232_005"));
        Assert.Equal(PesqScorer.Score(reference.Span, degraded.Span, 16000, PesqMode.Wideband).Score, outcomes[0].Score);
        Assert.Equal(PesqScorer.Score(reference.Span, degraded.Span, 16000, PesqMode.Narrowband).Score, outcomes[1].Score);
    }

    [Fact]
    public void A_NaN_in_one_of_the_two_files_names_that_file()
    {
        var clean = WavFile.Read(Voicebank("clean", "p257_011"));
        float[] samples = clean.Span.ToArray();
        samples[samples.Length / 2] = float.NaN;
        string reference = Path.Combine(_dir, "ref.wav"), degraded = Path.Combine(_dir, "deg-with-nan.wav");
        File.Copy(Voicebank("clean", "p257_011"), reference);
        WavFile.Write(degraded, new AudioSignal(samples, clean.SampleRate), WavSampleFormat.Float32);

        foreach (var (r, d, culprit) in new[] { (reference, degraded, degraded), (degraded, reference, degraded) })
        {
            var outcome = PesqFiles.Score(r, d);
            Assert.Equal(PesqFileFailure.NonFinite, outcome.Failure);
            Assert.Contains(culprit + " contains NaN", outcome.Error);
        }
    }

    [Fact]
    public void Paths_are_relative_to_the_case_file_and_an_unreadable_file_does_not_stop_the_rest()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "audio"));
        File.Copy(Voicebank("clean", "p257_011"), Path.Combine(_dir, "audio", "ref.wav"));
        File.Copy(Voicebank("noisy", "p257_011"), Path.Combine(_dir, "audio", "deg.wav"));
        File.WriteAllText(Path.Combine(_dir, "audio", "broken.wav"), "not a wav file");
        string csv = Path.Combine(_dir, "cases.csv");
        File.WriteAllLines(csv,
        [
            "id,ref,deg,fs,mode",
            "missing,audio/ref.wav,audio/nowhere.wav,16000,wb",
            "broken,audio/ref.wav,audio/broken.wav,16000,wb",
            "good,audio/ref.wav,audio/deg.wav,16000,wb",
            "rate,audio/ref.wav,audio/deg.wav,44100,nb",
        ]);
        var outcomes = PesqCaseFile.Score(PesqCaseFile.Read(csv).Cases);
        Assert.Equal(["missing", "broken", "good", "rate"], outcomes.Select(o => o.Id));
        Assert.StartsWith("unreadable: ", outcomes[0].Error);
        Assert.Contains("nowhere.wav", outcomes[0].Error);
        Assert.StartsWith("unreadable: ", outcomes[1].Error);
        Assert.Contains("broken.wav", outcomes[1].Error);
        Assert.Equal(PesqFileFailure.Unreadable, outcomes[1].Failure);
        Assert.Equal(PesqFileFailure.InvalidSampleRate, outcomes[3].Failure);
        Assert.Equal(PesqMode.Narrowband, outcomes[3].Mode);
        Assert.True(outcomes[2].Score > 1);
        Assert.Equal("invalid_fs", outcomes[3].Error);

        string results = Path.Combine(_dir, "out", "results.csv");
        PesqCaseFile.WriteResults(results, outcomes);
        var lines = File.ReadAllLines(results);
        Assert.Equal("id,score,error", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.Matches(@"^good,\d\.\d{6},$", lines[3]);
        Assert.Equal("rate,,invalid_fs", lines[4]);
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "out"), "*.tmp-*"));
    }

    [Theory]
    [InlineData("id,ref,deg,fs\na,r.wav,d.wav,16000", "lacks column(s) mode")]
    [InlineData("", "empty case file")]
    public void Case_files_without_a_usable_header_are_rejected_naming_the_file(string content, string message)
    {
        string csv = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(csv, content);
        var e = Assert.Throws<InvalidDataException>(() => PesqCaseFile.Read(csv));
        Assert.Contains(csv, e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_malformed_row_is_reported_by_line_and_the_other_rows_are_read()
    {
        string csv = Path.Combine(_dir, "rows.csv");
        File.WriteAllLines(csv,
        [
            "id,ref,deg,fs,mode",
            "a,r.wav,d.wav,16000,wb",
            "b,r.wav,d.wav,16k,wb",
            "",
            "c,r.wav,d.wav,16000,wide",
            "d,r.wav",
            "e,r.wav,d.wav,8000,NB",
        ]);
        var list = PesqCaseFile.Read(csv);
        Assert.Equal(["a", "e"], list.Cases.Select(c => c.Id));
        Assert.Equal([3, 5, 6], list.Problems.Select(p => p.Line));
        Assert.Contains("fs '16k'", list.Problems[0].Message);
        Assert.Contains("mode 'wide'", list.Problems[1].Message);
        Assert.Contains("2 fields", list.Problems[2].Message);
        Assert.StartsWith($"{csv}, line 3: ", list.Problems[0].ToString());
    }

    [Fact]
    public void A_repeated_id_is_reported_with_the_line_of_its_first_use_and_both_rows_are_kept()
    {
        string csv = Path.Combine(_dir, "dup.csv");
        File.WriteAllLines(csv, ["id,ref,deg,fs,mode", "x,r.wav,d.wav,16000,wb", "y,r.wav,d.wav,16000,wb", "x,r.wav,e.wav,16000,nb"]);
        var list = PesqCaseFile.Read(csv);
        Assert.Equal(["x", "y", "x"], list.Cases.Select(c => c.Id));
        var problem = Assert.Single(list.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Contains("'x' repeats the id of line 2", problem.Message);
    }

    [Fact]
    public void A_missing_case_file_is_reported_by_name()
    {
        string csv = Path.Combine(_dir, "absent.csv");
        var e = Assert.Throws<InvalidDataException>(() => PesqCaseFile.Read(csv));
        Assert.Contains(csv, e.Message);
    }

    [Fact]
    public void Folders_are_matched_by_file_name_and_every_problem_is_reported_by_name()
    {
        string clean = Directory.CreateDirectory(Path.Combine(_dir, "clean")).FullName;
        string degraded = Directory.CreateDirectory(Path.Combine(_dir, "enhanced")).FullName;
        foreach (string name in new[] { "p232_003", "p232_005", "p257_016" })
        {
            File.Copy(Voicebank("clean", name), Path.Combine(clean, name + ".wav"));
        }

        File.Copy(Voicebank("noisy", "p232_003"), Path.Combine(degraded, "p232_003.wav"));
        File.Copy(Voicebank("noisy", "p232_005"), Path.Combine(degraded, "p232_005.WAV"));
        File.Copy(TestData.Path("pesq", "fs8k", "p257_003_noisy_8k.wav"), Path.Combine(degraded, "p257_016.wav"));
        File.WriteAllText(Path.Combine(degraded, "extra.wav"), "junk");
        File.WriteAllText(Path.Combine(degraded, "notes.txt"), "ignored");

        var report = PesqDirectoryScorer.Score(clean, degraded, maxDegreeOfParallelism: 2);
        Assert.Equal(["p232_003.wav", "p257_016.wav"], report.Outcomes.Select(o => o.Id));
        Assert.Equal(["p232_005.wav"], report.MissingDegraded);
        Assert.Equal(["extra.wav", "p232_005.WAV"], report.MissingReference);
        Assert.True(report.Outcomes[0].IsSuccess);
        Assert.Equal(PesqFileFailure.RateMismatch, report.Outcomes[1].Failure);
        Assert.Contains("8000 Hz", report.Outcomes[1].Error);
        Assert.Equal(1, report.Summary.Scored);
        Assert.Equal(report.Outcomes[0].Score, report.Summary.MeanOf(PesqMode.Wideband));
        Assert.Equal(1, report.Summary.FailuresOf(PesqFileFailure.RateMismatch));

        // The mode follows the rate unless given: 16 kHz files score wideband.
        var wide = PesqScorer.Score(WavFile.Read(Voicebank("clean", "p232_003")).Span,
            WavFile.Read(Voicebank("noisy", "p232_003")).Span, 16000, PesqMode.Wideband);
        Assert.Equal(wide.Score, report.Outcomes[0].Score);
    }

    [Fact]
    public void A_missing_folder_is_reported_by_name()
    {
        string absent = Path.Combine(_dir, "nope");
        var e = Assert.Throws<DirectoryNotFoundException>(() => PesqDirectoryScorer.Score(_dir, absent));
        Assert.Contains(absent, e.Message);
    }

    [Fact]
    public void Summaries_count_failures_by_kind_and_never_average_the_two_modes_together()
    {
        var summary = PesqSummary.Of(
        [
            PesqFileOutcome.Scored("a", 2.0, PesqMode.Wideband),
            PesqFileOutcome.Scored("b", 3.0, PesqMode.Wideband),
            PesqFileOutcome.Scored("n", 4.0, PesqMode.Narrowband),
            PesqFileOutcome.Failed("c", PesqFileFailure.TooShort, mode: PesqMode.Wideband),
            PesqFileOutcome.Failed("d", PesqFileFailure.Unreadable, "x.wav: file not found"),
            PesqFileOutcome.Failed("e", PesqFileFailure.Unreadable, "y.wav: file not found"),
        ]);
        Assert.Equal(6, summary.Total);
        Assert.Equal(3, summary.Scored);
        Assert.Equal(2.5, summary.MeanOf(PesqMode.Wideband));
        Assert.Equal(4.0, summary.MeanOf(PesqMode.Narrowband));
        Assert.Equal(3, summary.Failed);
        Assert.Equal(2, summary.FailuresOf(PesqFileFailure.Unreadable));
        Assert.Equal(1, summary.FailuresOf(PesqFileFailure.TooShort));
        Assert.Equal(
            ["scored 3 of 6; mean MOS-LQO wb 2.500 (2), nb 4.000 (1)", "failures: unreadable 2, too_short 1"],
            summary.Describe());
        Assert.Null(PesqSummary.Of([PesqFileOutcome.Scored("w", 2.0, PesqMode.Wideband)]).MeanOf(PesqMode.Narrowband));
    }

    [Fact]
    public void An_error_is_its_failure_name_then_the_detail_naming_the_file()
    {
        Assert.Equal("unreadable: x.wav: file not found",
            PesqFileOutcome.Failed("d", PesqFileFailure.Unreadable, "x.wav: file not found").Error);
        Assert.Equal("silent_degraded", PesqFileOutcome.Failed("s", PesqFileFailure.SilentDegraded).Error);
        Assert.Null(PesqFileOutcome.Scored("a", 2.0, PesqMode.Wideband).Error);
        Assert.Throws<ArgumentException>(() => PesqFileOutcome.Failed("z", PesqFileFailure.None));
        Assert.Equal(7, PesqFileFailures.All.Count);
        Assert.Equal(PesqFileFailures.All.Count, PesqFileFailures.All.Select(PesqFileFailures.Name).Distinct().Count());
        foreach (var failure in Enum.GetValues<PesqFailure>().Where(f => f != PesqFailure.None))
        {
            // Every failure of the standard's stages keeps the name it has always been written under.
            Assert.Equal(PesqResult.KindName(failure), PesqFileFailures.Name(PesqFileFailures.From(failure)));
        }
    }
}
