using System.Text.Json;
using Perceptor.Diagnostics.Analysis;
using Perceptor.Diagnostics.Comparison;
using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Analysis;

public class RunComparisonTests
{
    private static DiagnoseOutcome Compare(TempDirectory dir, (string Name, double[] Pesq)[] logs, Dictionary<string, string> labels,
        OutputFormat format = OutputFormat.Json)
    {
        var paths = logs.Select(l => new ReferenceLog { Pesq = l.Pesq }.WriteTo(dir.Path, l.Name)).ToList();
        return DiagnoseRunner.Run(new DiagnoseRequest { Path = paths[0], MorePaths = paths[1..], Labels = labels, Format = format });
    }

    private static HypothesisVerdict? VerdictOf(DiagnoseOutcome o, HypothesisId id) => o.Comparison!.Verdicts.SingleOrDefault(v => v.Id == id);

    [Fact]
    public void Removing_skipping_and_still_collapsing_rules_out_h1()
    {
        using var dir = new TempDirectory();
        var o = Compare(dir, [("before.log", ReferenceLog.CollapsePesq), ("after.log", ReferenceLog.CollapsePesq)],
            new() { ["after"] = "pesq.failures=mask" });

        Assert.Equal("before.log", o.Comparison!.Baseline.Name);
        Assert.Equal(Perceptor.Diagnostics.Analysis.Verdict.RuledOut, VerdictOf(o, HypothesisId.H1)!.Verdict);
        Assert.Null(VerdictOf(o, HypothesisId.H4));

        using var json = JsonDocument.Parse(o.Output);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("runs").GetArrayLength());
        var after = root.GetProperty("runs")[1];
        Assert.Equal("after", after.GetProperty("name").GetString());
        Assert.True(after.GetProperty("collapsed").GetBoolean());
        Assert.Equal("H1", after.GetProperty("changed")[0].GetProperty("hypothesis").GetString());
        Assert.True(after.GetProperty("diagnosis").TryGetProperty("findings", out _));
        var comparison = root.GetProperty("comparison");
        Assert.Equal("before.log", comparison.GetProperty("baseline").GetString());
        var h1 = comparison.GetProperty("verdicts").EnumerateArray().Single(v => v.GetProperty("id").GetString() == "H1");
        Assert.Equal("ruled-out", h1.GetProperty("verdict").GetString());
        // The top level stays the baseline's diagnosis, as for one log.
        Assert.True(root.GetProperty("collapse").GetProperty("detected").GetBoolean());
    }

    [Fact]
    public void Deterministic_eval_and_still_collapsed_rules_out_h4()
    {
        using var dir = new TempDirectory();
        var o = Compare(dir, [("random.log", ReferenceLog.CollapsePesq), ("centre.log", ReferenceLog.CollapsePesq)],
            new() { ["centre"] = "eval on centre crops instead of random ones" });

        Assert.Equal(Perceptor.Diagnostics.Analysis.Verdict.RuledOut, VerdictOf(o, HypothesisId.H4)!.Verdict);
        Assert.Contains("eval crop noise (H4) is not the cause", VerdictOf(o, HypothesisId.H4)!.Reasons[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_collapse_that_disappears_supports_the_changed_factor_with_the_one_seed_caveat()
    {
        using var dir = new TempDirectory();
        var o = Compare(dir, [("base.log", ReferenceLog.CollapsePesq), ("lowlr.log", ReferenceLog.HealthyPesq)],
            new() { ["lowlr"] = "disc-lr=5e-4" }, OutputFormat.Text);

        var h2 = VerdictOf(o, HypothesisId.H2)!;
        Assert.Equal(Perceptor.Diagnostics.Analysis.Verdict.Supported, h2.Verdict);
        Assert.Contains("one seed", h2.Reasons[0].Reason, StringComparison.Ordinal);
        Assert.Contains("H2 discriminator learning rate too high: supported", o.Output, StringComparison.Ordinal);
        Assert.Contains("=== lowlr ===", o.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_change_that_still_collapses_only_weakens()
    {
        using var dir = new TempDirectory();
        var o = Compare(dir, [("base.log", ReferenceLog.CollapsePesq), ("b4.log", ReferenceLog.CollapsePesq)],
            new() { ["b4"] = "batch-size=4" });

        Assert.Equal(Perceptor.Diagnostics.Analysis.Verdict.Weakened, VerdictOf(o, HypothesisId.H6)!.Verdict);
        Assert.Equal(Perceptor.Diagnostics.Analysis.Verdict.Weakened, VerdictOf(o, HypothesisId.H7)!.Verdict);
    }

    [Fact]
    public void The_baseline_is_the_run_without_a_recognised_change_wherever_it_stands()
    {
        using var dir = new TempDirectory();
        var o = Compare(dir, [("fix.log", ReferenceLog.CollapsePesq), ("orig.log", ReferenceLog.CollapsePesq)],
            new() { ["fix"] = "never skip", ["orig"] = "baseline" });

        Assert.Equal("orig", o.Comparison!.Baseline.Name);
        Assert.Equal(Perceptor.Diagnostics.Analysis.Verdict.RuledOut, VerdictOf(o, HypothesisId.H1)!.Verdict);
    }

    [Fact]
    public void A_label_that_names_no_log_is_a_usage_error()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentException>(() => Compare(dir, [("a.log", ReferenceLog.CollapsePesq), ("b.log", ReferenceLog.CollapsePesq)],
            new() { ["c"] = "pesq.failures=mask" }));
    }

    [Fact]
    public void One_log_has_a_single_run_and_no_comparison()
    {
        using var dir = new TempDirectory();
        var o = Compare(dir, [("one.log", ReferenceLog.CollapsePesq)], []);

        Assert.Null(o.Comparison);
        using var json = JsonDocument.Parse(o.Output);
        Assert.Equal(1, json.RootElement.GetProperty("runs").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("comparison").ValueKind);
    }

    [Theory]
    [InlineData("pesq.failures=mask", "H1", true)]
    [InlineData("never skip the discriminator", "H1", true)]
    [InlineData("eval.method=full-utterance", "H4", true)]
    [InlineData("deterministic eval", "H4", true)]
    [InlineData("optim.discLr=5e-4", "H2", false)]
    [InlineData("gan-weight=0.2", "H3", false)]
    [InlineData("gen-lr=2e-4", "H7", false)]
    public void Declared_changes_are_read_as_experiment_arms_name_them(string text, string hypothesis, bool removes)
    {
        var c = DeclaredChange.Parse(text);
        var f = Assert.Single(c.Factors);
        Assert.Equal(hypothesis, f.Hypothesis.ToString());
        Assert.Equal(removes, f.RemovesCause);
    }

    [Fact]
    public void Several_changes_and_unknown_words_are_kept_apart()
    {
        var c = DeclaredChange.Parse("pesq.failures=mask, batch-size=4; new GPU");
        Assert.Equal([HypothesisId.H1, HypothesisId.H6, HypothesisId.H7], c.Factors.Select(f => f.Hypothesis));
        Assert.Equal(["new GPU"], c.Unrecognised);
    }
}
