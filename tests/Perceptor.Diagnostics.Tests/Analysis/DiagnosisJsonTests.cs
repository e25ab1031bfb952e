using System.Text.Json;
using Perceptor.Diagnostics.Analysis;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Analysis;

public class DiagnosisJsonTests
{
    private static JsonElement Json(Diagnosis d) => JsonDocument.Parse(DiagnosisJson.Serialize(d)).RootElement;

    [Fact]
    public void Has_the_documented_shape()
    {
        var root = Json(Diagnose.Text(new ReferenceLog().ToString()));

        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        foreach (string key in new[] { "findings", "collapse", "disc", "hypotheses", "cannot_tell", "source", "problems", "epochs" })
        {
            Assert.True(root.TryGetProperty(key, out _), key);
        }

        var finding = root.GetProperty("findings")[0];
        Assert.Equal("pesq-collapse", finding.GetProperty("id").GetString());
        Assert.Equal("critical", finding.GetProperty("severity").GetString());
        Assert.Equal(JsonValueKind.String, finding.GetProperty("title").ValueKind);
        Assert.All(finding.GetProperty("evidence").EnumerateArray(), e => Assert.Equal(JsonValueKind.String, e.ValueKind));
        Assert.Equal(JsonValueKind.String, finding.GetProperty("next").ValueKind);

        var collapse = root.GetProperty("collapse");
        Assert.True(collapse.GetProperty("detected").GetBoolean());
        Assert.Equal(2, collapse.GetProperty("peak_epoch").GetInt32());
        Assert.Equal(2.64, collapse.GetProperty("peak_pesq").GetDouble());
        Assert.Equal(7, collapse.GetProperty("onset_epoch").GetInt32());
        Assert.Equal(2.15, collapse.GetProperty("final_pesq").GetDouble());

        var disc = root.GetProperty("disc");
        Assert.Equal(JsonValueKind.Number, disc.GetProperty("skip_rate").ValueKind);
        var bounds = disc.GetProperty("skip_rate_bounds");
        Assert.Equal(2, bounds.GetArrayLength());
        Assert.True(bounds[0].GetDouble() <= disc.GetProperty("skip_rate").GetDouble());
        Assert.Equal(JsonValueKind.Number, disc.GetProperty("saturated_share").ValueKind);
        Assert.Equal(7, root.GetProperty("hypotheses").GetArrayLength());
        var batch = root.GetProperty("batch");
        Assert.Equal(11000, batch.GetProperty("steps_per_epoch_at_least").GetInt64());
        Assert.Equal(1, batch.GetProperty("batch_size_at_most").GetInt32());
        Assert.Equal(JsonValueKind.String, batch.GetProperty("basis").ValueKind);
        Assert.Equal("text", root.GetProperty("source").GetProperty("kind").GetString());
    }

    [Fact]
    public void What_the_log_cannot_tell_is_null()
    {
        var csv = Json(Diagnose.Csv(EpochCsv.Collapse())).GetProperty("disc");
        Assert.Equal(JsonValueKind.Null, csv.GetProperty("skip_rate").ValueKind);
        Assert.Equal(JsonValueKind.Array, csv.GetProperty("skip_rate_bounds").ValueKind);
        Assert.Equal(JsonValueKind.Null, csv.GetProperty("saturated_share").ValueKind);

        var noPesq = Json(Diagnose.Text(new ReferenceLog { WithPesq = false }.ToString())).GetProperty("collapse");
        Assert.Equal(JsonValueKind.Null, noPesq.GetProperty("detected").ValueKind);
        Assert.Equal(JsonValueKind.Null, noPesq.GetProperty("peak_epoch").ValueKind);
        Assert.Equal(JsonValueKind.Null, noPesq.GetProperty("onset_epoch").ValueKind);
        Assert.Equal(JsonValueKind.Null, noPesq.GetProperty("final_pesq").ValueKind);

        var noDisc = Json(Diagnose.Csv("epoch,train_loss,test_pesq\n0,0.2,2.5\n")).GetProperty("disc");
        Assert.Equal(JsonValueKind.Null, noDisc.GetProperty("skip_rate_bounds").ValueKind);
    }

    [Fact]
    public void A_healthy_run_reports_no_collapse_rather_than_null()
    {
        var collapse = Json(Diagnose.Text(new ReferenceLog { Pesq = ReferenceLog.HealthyPesq }.ToString())).GetProperty("collapse");
        Assert.False(collapse.GetProperty("detected").GetBoolean());
        Assert.Equal(JsonValueKind.Null, collapse.GetProperty("onset_epoch").ValueKind);
        Assert.Equal(16, collapse.GetProperty("peak_epoch").GetInt32());
    }

    [Fact]
    public void Problems_carry_their_line_numbers()
    {
        var lines = new ReferenceLog().Lines();
        lines[12] = "INFO:root:GPU: 0, Epoch 0, Step 6000, loss: abc, disc_loss: 0.004";
        var problems = Json(Diagnose.Text(string.Join("\n", lines))).GetProperty("problems");
        Assert.Equal(13, problems[0].GetProperty("line").GetInt32());
        Assert.StartsWith("line 13: ", problems[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}
