using System.Text.Json;
using Perceptor.Diagnostics.Rescore;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Analysis;

/// <summary>The rescore files carry where each epoch came from and which checkpoints failed, without changing what earlier readers read.</summary>
public class RescoreFileBasisTests
{
    private static RescoreSeries Series() => new("hand-made", "data",
    [
        new RescoredEpoch(3, "CMGAN_epoch_3_0.105", 2, 0, new Dictionary<string, double> { ["pesq"] = 2.5, ["estoi"] = 0.8 }) { EpochBasis = "name 'CMGAN_epoch_3_0.105'" },
        new RescoredEpoch(4, "last.ckpt", 2, 1, new Dictionary<string, double> { ["pesq"] = 2.4, ["estoi"] = 0.7 })
        {
            EpochBasis = "checkpoint state: written inside epoch 4, after batch 9",
        },
    ], new Dictionary<string, double> { ["pesq"] = 1.9 })
    {
        Failures = ["broken.pt: not a CMGAN generator state dict"],
    };

    [Fact]
    public void The_epoch_basis_reads_back_from_both_forms_and_is_never_a_measure()
    {
        using var dir = new TempDirectory();
        RescoreFile.Write(Series(), dir.Path);

        foreach (string file in new[] { RescoreFile.JsonName, RescoreFile.CsvName })
        {
            var back = RescoreFile.Read(Path.Combine(dir.Path, file));
            Assert.Equal(Series().Epochs.Select(e => e.EpochBasis), back.Epochs.Select(e => e.EpochBasis));
            Assert.All(back.Epochs, e => Assert.Equal(["estoi", "pesq"], e.Metrics.Keys.Order(StringComparer.Ordinal)));
            Assert.Equal(1.9, back.NoisyPesq);
        }

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, RescoreFile.JsonName)));
        Assert.Equal("broken.pt: not a CMGAN generator state dict", json.RootElement.GetProperty("failures")[0].GetString());
    }

    [Fact]
    public void A_csv_of_the_earlier_form_without_the_basis_column_still_reads()
    {
        using var dir = new TempDirectory();
        string csv = Path.Combine(dir.Path, RescoreFile.CsvName);
        File.WriteAllText(csv, "epoch,checkpoint,files,failed,pesq\n1,a.pt,3,0,2.1\n2,b.pt,3,0,2.3\n,noisy,,,1.8\n");

        var back = RescoreFile.Read(csv);

        Assert.Equal([2.1, 2.3], back.Epochs.Select(e => e.Pesq!.Value));
        Assert.All(back.Epochs, e => Assert.Null(e.EpochBasis));
        Assert.Equal(1.8, back.NoisyPesq);
    }
}
