using Perceptor.Diagnostics.RunLog;

namespace Perceptor.Diagnostics.Tests.RunLog;

public class DiscSkipReasonTests
{
    // The skip_reason names docs/run-log.md lists for step records, as run folders written before the typed reason hold them.
    [Theory]
    [InlineData("pesq_failed", DiscSkipReason.PesqFailed)]
    [InlineData("pesq_all_failed", DiscSkipReason.PesqAllFailed)]
    [InlineData("nonfinite_loss", DiscSkipReason.NonfiniteLoss)]
    [InlineData("nonfinite_gradient", DiscSkipReason.NonfiniteGradient)]
    public void An_existing_step_line_reads_as_its_reason_and_writes_back_the_same_name(string name, DiscSkipReason reason)
    {
        string line = "{\"type\":\"step\",\"time\":\"2026-11-30T10:00:00+00:00\",\"epoch\":1,\"step\":7,\"batch\":7," +
            "\"loss\":{\"total\":1.5,\"ri\":0.25,\"mag\":0.5,\"time\":0.125,\"gan\":0.75},\"disc_loss\":null,\"disc_skipped\":true," +
            $"\"skip_reason\":\"{name}\",\"clips\":2}}";
        var content = RunLogReader.Read(new StringReader(line), "metrics.jsonl");

        var step = Assert.IsType<StepRecord>(Assert.Single(content.Records));
        Assert.Empty(content.Problems);
        Assert.Equal(reason, step.SkipReason);
        Assert.Contains($"\"disc_skipped\":true,\"skip_reason\":\"{name}\",\"clips\":2,", RunLogJson.Serialize(step), StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_that_was_not_skipped_writes_a_null_reason()
    {
        var step = new StepRecord { Epoch = 1, Step = 1, Batch = 1, Loss = new LossTerms(1, 0, 0, 0, 0), DiscLoss = 0.1 };

        Assert.Contains("\"skip_reason\":null", RunLogJson.Serialize(step), StringComparison.Ordinal);
    }
}
