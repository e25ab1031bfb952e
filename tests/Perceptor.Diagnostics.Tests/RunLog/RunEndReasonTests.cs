using Perceptor.Diagnostics.RunLog;

namespace Perceptor.Diagnostics.Tests.RunLog;

public class RunEndReasonTests
{
    // The reason names docs/run-log.md lists for run_end, as run folders written before the typed reason hold them.
    [Theory]
    [InlineData("completed", RunEndReason.Completed)]
    [InlineData("early_stop", RunEndReason.EarlyStop)]
    [InlineData("nonfinite", RunEndReason.Nonfinite)]
    [InlineData("interrupted", RunEndReason.Interrupted)]
    public void An_existing_run_end_line_reads_as_its_reason_and_writes_back_the_same_name(string name, RunEndReason reason)
    {
        string line = $$"""{"type":"run_end","time":"2026-11-30T10:00:00+00:00","reason":"{{name}}","epoch":3,"step":120}""";
        var content = RunLogReader.Read(new StringReader(line), "metrics.jsonl");

        var end = Assert.IsType<RunEndRecord>(Assert.Single(content.Records));
        Assert.Empty(content.Problems);
        Assert.Equal(reason, end.Reason);
        Assert.Equal(name, end.Reason.Name());
        Assert.Contains($"\"reason\":\"{name}\"", RunLogJson.Serialize(end), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_reason_is_reported_with_its_line_and_the_rest_is_read()
    {
        string lines = """
            {"type":"run_end","time":"2026-11-30T10:00:00+00:00","reason":"exploded","epoch":3,"step":120}
            {"type":"run_end","time":"2026-11-30T11:00:00+00:00","reason":"completed","epoch":4,"step":160}
            """;
        var content = RunLogReader.Read(new StringReader(lines), "metrics.jsonl");

        Assert.Equal(RunEndReason.Completed, Assert.IsType<RunEndRecord>(Assert.Single(content.Records)).Reason);
        Assert.StartsWith("metrics.jsonl:1:", Assert.Single(content.Problems), StringComparison.Ordinal);
    }
}
