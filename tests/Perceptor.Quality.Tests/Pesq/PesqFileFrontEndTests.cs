using Perceptor.Audio;
using Perceptor.Quality.Pesq;
using Perceptor.Tests;

namespace Perceptor.Quality.Tests.Pesq;

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
        var cases = PesqCaseFile.Read(csv);
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
            Assert.Equal("non_finite", outcome.ErrorKind);
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
        var outcomes = PesqCaseFile.Score(PesqCaseFile.Read(csv));
        Assert.Equal(["missing", "broken", "good", "rate"], outcomes.Select(o => o.Id));
        Assert.StartsWith("unreadable: ", outcomes[0].Error);
        Assert.Contains("nowhere.wav", outcomes[0].Error);
        Assert.StartsWith("unreadable: ", outcomes[1].Error);
        Assert.Contains("broken.wav", outcomes[1].Error);
        Assert.Equal("unreadable", outcomes[1].ErrorKind);
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
    [InlineData("id,ref,deg,fs,mode\na,r.wav,d.wav,16k,wb", "line 2: fs '16k'")]
    [InlineData("id,ref,deg,fs,mode\na,r.wav,d.wav,16000,wide", "line 2: mode 'wide'")]
    [InlineData("id,ref,deg,fs,mode\n\na,r.wav", "line 3: 2 fields")]
    [InlineData("", "empty case file")]
    public void Malformed_case_files_are_rejected_naming_the_file_and_line(string content, string message)
    {
        string csv = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(csv, content);
        var e = Assert.Throws<InvalidDataException>(() => PesqCaseFile.Read(csv));
        Assert.Contains(csv, e.Message);
        Assert.Contains(message, e.Message);
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
        Assert.Equal("rate_mismatch", report.Outcomes[1].ErrorKind);
        Assert.Contains("8000 Hz", report.Outcomes[1].Error);
        Assert.Equal(1, report.Summary.Scored);
        Assert.Equal(report.Outcomes[0].Score, report.Summary.Mean);
        Assert.Equal(1, report.Summary.FailuresByKind["rate_mismatch"]);

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
    public void Summaries_count_scores_and_failures_by_kind()
    {
        var summary = PesqSummary.Of(
        [
            new PesqFileOutcome("a", 2.0, null),
            new PesqFileOutcome("b", 3.0, null),
            new PesqFileOutcome("c", null, "too_short"),
            new PesqFileOutcome("d", null, "unreadable: x.wav: file not found"),
            new PesqFileOutcome("e", null, "unreadable: y.wav: file not found"),
        ]);
        Assert.Equal(2, summary.Scored);
        Assert.Equal(2.5, summary.Mean);
        Assert.Equal(3, summary.Failed);
        Assert.Equal(2, summary.FailuresByKind["unreadable"]);
        Assert.Equal(1, summary.FailuresByKind["too_short"]);
    }
}
