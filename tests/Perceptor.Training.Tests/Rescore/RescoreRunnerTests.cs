using System.Text.Json;
using Perceptor.Diagnostics.Analysis;
using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Readers;
using Perceptor.Diagnostics.Rescore;
using Perceptor.Diagnostics.RunLog;
using Perceptor.Training.Rescore;
using Perceptor.Training.Runtime;
using Perceptor.Training.Tests.Fakes;

namespace Perceptor.Training.Tests.Rescore;

[Collection(TorchCollection.Name)]
public class RescoreRunnerTests(RescoreFixture fixture) : IClassFixture<RescoreFixture>
{
    private static (int Code, string Stdout, string Stderr) Run(RescoreRequest request, RescoreOutputFormat format = RescoreOutputFormat.Json)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = RescoreRunner.Run(request, format, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private RescoreRequest Request(string outDir, params string[] checkpoints) =>
        new() { Checkpoints = checkpoints, DataDir = fixture.Data, OutDirectory = outDir, Threads = 2 };

    [Fact]
    public void A_ckpt_and_a_pt_series_are_scored_into_one_table_and_diagnose_takes_it_as_the_eval_pesq()
    {
        string outDir = fixture.Out();
        var (code, stdout, stderr) = Run(Request(outDir, fixture.Run, Path.Combine(fixture.PyTorch, "*")));

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var checkpoints = json.RootElement.GetProperty("checkpoints").EnumerateArray().ToList();
        var byName = checkpoints.ToDictionary(c => Path.GetFileName(c.GetProperty("checkpoint").GetString()!));
        // last.ckpt is written after epoch 2; best.ckpt is scored too unless it holds the same bytes (best at epoch 2).
        var perceptor = checkpoints.Where(c => c.GetProperty("checkpoint").GetString()!.EndsWith(".ckpt", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, perceptor.Max(c => c.GetProperty("epoch").GetInt32()));
        Assert.All(perceptor, c => Assert.Equal("checkpoint_state", c.GetProperty("epoch_basis").GetString()));
        Assert.Equal(3, byName["CMGAN_epoch_3_0.105"].GetProperty("epoch").GetInt32());
        Assert.Equal(4, byName["gen_ep4.pth"].GetProperty("epoch").GetInt32());
        Assert.Equal("name", byName["gen_ep4.pth"].GetProperty("epoch_basis").GetString());
        Assert.All(checkpoints, c => Assert.Equal(2, c.GetProperty("files").GetInt32()));
        Assert.All(checkpoints, c => Assert.False(c.GetProperty("cached").GetBoolean()));

        // The files diagnose reads hold the same series, every measure of the table per epoch, and the noisy row.
        var series = RescoreFile.Read(outDir);
        Assert.Equal(checkpoints.Select(c => c.GetProperty("epoch").GetInt32()).Order(), series.Epochs.Select(e => e.Epoch));
        foreach (var e in series.Epochs)
        {
            Assert.Equal(["cbak", "covl", "csig", "estoi", "pesq", "si_sdr", "ssnr", "stoi"], e.Metrics.Keys.Order(StringComparer.Ordinal));
            var printed = checkpoints.Single(c => c.GetProperty("checkpoint").GetString() == e.Checkpoint);
            Assert.Equal(printed.GetProperty("metrics").GetProperty("pesq").GetDouble(), e.Pesq!.Value, 12);
        }

        Assert.Equal(json.RootElement.GetProperty("noisy").GetProperty("pesq").GetDouble(), series.NoisyPesq!.Value, 12);
        Assert.Equal(series.Epochs.Select(e => e.Epoch), RescoreFile.Read(Path.Combine(outDir, RescoreFile.CsvName)).Epochs.Select(e => e.Epoch));
        Assert.True(new FileInfo(Path.Combine(outDir, "rescore-pesq.png")).Length > 1000);
        Assert.Equal(1 + (2 * (series.Epochs.Count + 1)), File.ReadAllLines(Path.Combine(outDir, "per_file.csv")).Length);

        // diagnose on the run's own log with the rescore: the rescored PESQ replaces the log's, which is kept beside it.
        var outcome = DiagnoseRunner.Run(new DiagnoseRequest { Path = fixture.Run, RescoredPath = outDir, Format = OutputFormat.Json });
        Assert.Single(outcome.Diagnosis.Findings, f => f.Id == FindingIds.Rescored);
        var logged = RunLogReader.Read(Path.Combine(fixture.Run, "metrics.jsonl")).OfType<EvalRecord>().Single(r => r.Epoch == 2);
        using var diagnosis = JsonDocument.Parse(outcome.Output);
        var epoch2 = diagnosis.RootElement.GetProperty("epochs").EnumerateArray().Single(e => e.GetProperty("epoch").GetInt32() == 2);
        Assert.Equal(series.Epochs.Last(e => e.Epoch == 2).Pesq!.Value, epoch2.GetProperty("eval_pesq").GetDouble(), 9);
        Assert.Equal(logged.Pesq!.Value, epoch2.GetProperty("log_pesq").GetDouble(), 9);
    }

    private sealed class CancelAfterFirst(CancellationTokenSource source) : IProgress<RescoreProgress>
    {
        public void Report(RescoreProgress value)
        {
            if (value.Phase == RescorePhase.Done && value.Checkpoint == 1)
            {
                source.Cancel();
            }
        }
    }

    [Fact]
    public void An_interrupted_rescore_continues_from_the_cache_and_a_changed_max_files_scores_again()
    {
        string outDir = fixture.Out();
        string[] series = [Path.Combine(fixture.PyTorch, "gen_ep4.pth"), Path.Combine(fixture.PyTorch, "CMGAN_epoch_3_0.105")];
        using var cancel = new CancellationTokenSource();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int interrupted = RescoreRunner.Run(Request(outDir, series), RescoreOutputFormat.Json, stdout, stderr, new CancelAfterFirst(cancel), cancel.Token);
        Assert.Equal(130, interrupted);
        Assert.Contains("the same command continues", stderr.ToString(), StringComparison.Ordinal);
        using (var partial = JsonDocument.Parse(stdout.ToString()))
        {
            Assert.Equal(2, partial.RootElement.GetProperty("requested").GetInt32());
            Assert.Equal(1, partial.RootElement.GetProperty("checkpoints").GetArrayLength());
            Assert.True(partial.RootElement.GetProperty("cancelled").GetBoolean());
        }

        Assert.Equal([4], RescoreFile.Read(outDir).Epochs.Select(e => e.Epoch));

        static Dictionary<string, bool> Cached(string json)
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.GetProperty("checkpoints").EnumerateArray()
                .ToDictionary(c => Path.GetFileName(c.GetProperty("checkpoint").GetString()!), c => c.GetProperty("cached").GetBoolean());
        }

        var resumed = Run(Request(outDir, series));
        Assert.True(resumed.Code == 0, resumed.Stderr);
        Assert.Equal(new Dictionary<string, bool> { ["gen_ep4.pth"] = true, ["CMGAN_epoch_3_0.105"] = false }, Cached(resumed.Stdout));
        Assert.Equal([3, 4], RescoreFile.Read(outDir).Epochs.Select(e => e.Epoch));
        var cacheFiles = Directory.GetFiles(Path.Combine(outDir, RescoreCache.FolderName)).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var again = Run(Request(outDir, series));
        Assert.Equal(0, again.Code);
        Assert.All(Cached(again.Stdout).Values, Assert.True);
        Assert.Equal(cacheFiles, Directory.GetFiles(Path.Combine(outDir, RescoreCache.FolderName)).ToDictionary(f => f, File.GetLastWriteTimeUtc));
        using (var a = JsonDocument.Parse(resumed.Stdout))
        using (var b = JsonDocument.Parse(again.Stdout))
        {
            Assert.Equal(a.RootElement.GetProperty("noisy").GetRawText(), b.RootElement.GetProperty("noisy").GetRawText());
        }

        var fewer = Run(Request(outDir, series[0]) with { MaxFiles = 1 });
        Assert.Equal(0, fewer.Code);
        Assert.All(Cached(fewer.Stdout).Values, Assert.False);
        using var fewerJson = JsonDocument.Parse(fewer.Stdout);
        Assert.Equal(1, fewerJson.RootElement.GetProperty("checkpoints")[0].GetProperty("files").GetInt32());
        Assert.Equal(1, RescoreFile.Read(outDir).Epochs.Single().Files);
    }

    [Fact]
    public void A_checkpoint_that_cannot_be_read_is_named_with_exit_1_and_the_others_are_written()
    {
        string dir = Path.Combine(fixture.Root, "broken-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        byte[] bytes = File.ReadAllBytes(Path.Combine(fixture.Run, "checkpoints", "last.ckpt"));
        bytes[bytes.Length / 2] ^= 0xFF; // the checksum no longer matches
        string broken = Path.Combine(dir, "epoch_7.ckpt");
        File.WriteAllBytes(broken, bytes);
        string outDir = fixture.Out();

        var (code, stdout, stderr) = Run(Request(outDir, broken, Path.Combine(fixture.PyTorch, "gen_ep4.pth")), RescoreOutputFormat.Text);

        Assert.Equal(1, code);
        Assert.Contains($"not scored: {broken}: corrupt or truncated", stderr, StringComparison.Ordinal);
        var series = RescoreFile.Read(outDir);
        Assert.Equal([4], series.Epochs.Select(e => e.Epoch));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, RescoreFile.JsonName)));
        Assert.StartsWith(broken, Assert.Single(json.RootElement.GetProperty("failures").EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.Contains("rescored 1 of 2 checkpoint(s)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Unusable_input_exits_2_with_one_line_and_writes_nothing()
    {
        string pt = Path.Combine(fixture.PyTorch, "gen_ep4.pth");
        string text = Path.Combine(fixture.Root, "notes.txt");
        File.WriteAllText(text, "not a checkpoint");
        string noTest = Path.Combine(fixture.Root, "no-test");
        Directory.CreateDirectory(noTest);
        var cases = new (RescoreRequest Request, string Says)[]
        {
            (Request(fixture.Out(), Path.Combine(fixture.Root, "missing.pt")), "missing.pt: no such file or folder"),
            (Request(fixture.Out(), text), "notes.txt: not a Perceptor checkpoint"),
            (Request(fixture.Out()), "no checkpoint given"),
            (Request(fixture.Out(), pt) with { DataDir = noTest }, "folder not found"),
            (Request(fixture.Out(), pt) with { MaxFiles = -1 }, "--max-files must be"),
            (Request(fixture.Out(), pt) with { Threads = -2 }, "--threads must be"),
        };
        foreach (var (request, says) in cases)
        {
            var (code, stdout, stderr) = Run(request);
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            Assert.Contains(says, Assert.Single(stderr.TrimEnd().Split('\n')), StringComparison.Ordinal);
            Assert.False(Directory.Exists(request.OutDirectory), request.OutDirectory);
        }

        string locked = fixture.Out();
        using (RunLock.Acquire(locked, "another rescore"))
        {
            var (code, _, stderr) = Run(Request(locked, pt));
            Assert.Equal(2, code);
            Assert.Contains("in use by", stderr, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(Path.Combine(locked, RescoreFile.JsonName)));
    }
}
