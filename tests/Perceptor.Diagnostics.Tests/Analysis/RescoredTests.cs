using System.Text.Json;
using Perceptor.Diagnostics.Analysis;
using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Readers;
using Perceptor.Diagnostics.Rescore;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Analysis;

public class RescoredTests
{
    private static RescoreSeries Series(double[] pesq, double noisy = 1.97) => new("hand-made", "data",
        pesq.Select((p, e) => new RescoredEpoch(e, $"CMGAN_epoch_{e}_0.1.pt", 824, 0,
            new Dictionary<string, double> { ["pesq"] = p, ["csig"] = p + 1.1, ["stoi"] = 0.93 })).ToList(),
        new Dictionary<string, double> { ["pesq"] = noisy, ["stoi"] = 0.92 });

    private static DiagnoseOutcome Run(TempDirectory dir, double[] logPesq, RescoreSeries series)
    {
        string log = new ReferenceLog { Pesq = logPesq }.WriteTo(dir.Path);
        string rescore = Path.Combine(dir.Path, "rescore");
        RescoreFile.Write(series, rescore);
        return DiagnoseRunner.Run(new DiagnoseRequest { Path = log, RescoredPath = rescore, Format = OutputFormat.Json });
    }

    [Fact]
    public void Both_forms_of_a_rescore_read_back_what_was_written()
    {
        using var dir = new TempDirectory();
        var series = Series([2.45, 2.9, 2.8]);
        RescoreFile.Write(series, dir.Path);

        foreach (string file in new[] { RescoreFile.JsonName, RescoreFile.CsvName })
        {
            var back = RescoreFile.Read(Path.Combine(dir.Path, file));
            Assert.Equal(series.Epochs.Select(e => (e.Epoch, e.Checkpoint, e.Files, e.Pesq, e.Metrics["csig"])),
                back.Epochs.Select(e => (e.Epoch, e.Checkpoint, e.Files, e.Pesq, e.Metrics["csig"])));
            Assert.Equal(1.97, back.NoisyPesq);
        }
    }

    [Fact]
    public void A_collapse_that_holds_on_full_utterances_is_real_and_rules_out_eval_noise()
    {
        using var dir = new TempDirectory();
        double[] full = [2.80, 2.95, 3.02, 2.98, 2.97, 2.90, 2.85, 2.60, 2.50, 2.45, 2.40, 2.42, 2.38, 2.35, 2.36, 2.33, 2.30];
        var o = Run(dir, ReferenceLog.CollapsePesq, Series(full));

        var f = o.Diagnosis.Find(FindingIds.Rescored)!;
        Assert.StartsWith("The collapse the log shows is real on full utterances; keep the epoch-2 checkpoint", f.Title, StringComparison.Ordinal);
        Assert.Equal(Verdict.RuledOut, o.Diagnosis.Verdict(HypothesisId.H4).Verdict);
        Assert.True(o.Diagnosis.Collapse.Detected);
        using var json = JsonDocument.Parse(o.Output);
        var epoch7 = json.RootElement.GetProperty("epochs")[7];
        Assert.Equal(2.60, epoch7.GetProperty("eval_pesq").GetDouble());
        Assert.Equal(ReferenceLog.CollapsePesq[7], epoch7.GetProperty("log_pesq").GetDouble());
    }

    [Fact]
    public void A_collapse_gone_on_full_utterances_was_eval_noise()
    {
        using var dir = new TempDirectory();
        double[] full = [2.80, 2.90, 2.95, 2.97, 2.99, 3.00, 3.01, 3.00, 3.02, 3.03, 3.02, 3.04, 3.03, 3.05, 3.04, 3.05, 3.06];
        var o = Run(dir, ReferenceLog.CollapsePesq, Series(full));

        Assert.False(o.Diagnosis.Collapse.Detected);
        var f = o.Diagnosis.Find(FindingIds.Rescored)!;
        Assert.StartsWith("The collapse the log shows is not real on full utterances; keep the epoch-16 checkpoint", f.Title, StringComparison.Ordinal);
        Assert.Equal(Verdict.Supported, o.Diagnosis.Verdict(HypothesisId.H4).Verdict);
    }

    [Fact]
    public void A_folder_without_a_rescore_is_an_unreadable_input()
    {
        using var dir = new TempDirectory();
        Assert.Throws<LogReadException>(() => RescoreFile.Read(dir.Path));
    }
}
