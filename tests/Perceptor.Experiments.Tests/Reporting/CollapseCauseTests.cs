using Perceptor.Experiments.Reporting;
using Perceptor.Training.Config;

namespace Perceptor.Experiments.Tests.Reporting;

public sealed class CollapseCauseTests : IDisposable
{
    private readonly string _root = FakeRuns.TempDir("cause");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // Peak at epoch 2, then 0.3 or more below it while the training loss keeps falling: a collapse from epoch 3.
    private static List<FakeRuns.Epoch> Collapsing(double shift) =>
    [
        new(2.40 + shift, Loss: 0.16), new(2.60 + shift, Loss: 0.15), new(2.30 + shift, Loss: 0.14),
        new(2.25 + shift, Loss: 0.13), new(2.20 + shift, Loss: 0.12),
    ];

    private static List<FakeRuns.Epoch> Steady(double shift) =>
    [
        new(2.40 + shift, Loss: 0.16), new(2.55 + shift, Loss: 0.15), new(2.62 + shift, Loss: 0.14),
        new(2.64 + shift, Loss: 0.13), new(2.65 + shift, Loss: 0.12),
    ];

    /// <summary>Writes an experiment of <paramref name="arms"/> × seeds 1, 2; <paramref name="collapses"/> says which (arm, seed) collapse.</summary>
    private ComparisonReport Experiment(string arms, Func<string, long, bool> collapses)
    {
        string data = Path.Combine(_root, "data");
        Directory.CreateDirectory(data);
        var plan = ExperimentPlanner.Plan(new ExperimentSpec
        {
            DataDir = data,
            OutDir = _root,
            Arms = ExperimentPlanner.ParseArms([arms], null, null, []),
            Seeds = [1, 2],
            Epochs = 5,
        });
        ExperimentManifest.Create(plan).Save(_root);
        foreach (var run in plan.Runs)
        {
            string dir = Path.Combine(_root, run.Folder);
            double shift = run.Seed == 1 ? 0.0 : 0.03;
            bool collapse = collapses(run.Arm.Name, run.Seed);
            FakeRuns.Write(dir, run.Seed, collapse ? Collapsing(shift) : Steady(shift), collapseAt: collapse ? 3 : null);
            File.WriteAllText(Path.Combine(dir, "config.json"), ConfigLoader.ToJson(ConfigLoader.Load(null, null, run.Overrides)));
        }

        return ComparisonAnalyzer.Analyze(_root);
    }

    [Fact]
    public void The_cause_is_named_when_one_arm_prevents_the_collapse_in_every_seed_and_another_does_not()
    {
        var cause = Experiment("baseline,mask,train-files=8", (arm, _) => arm != "train-files=8").Cause!;

        Assert.True(cause.Earned, cause.Headline);
        Assert.Equal(["train-files=8"], cause.Preventing);
        Assert.Equal(["mask"], cause.StillCollapsing);
        Assert.Equal(["H7"], cause.Causes);
        Assert.Equal(["H1"], cause.RuledOut);
        Assert.StartsWith("Cause: H7 (overtraining)", cause.Headline, StringComparison.Ordinal);
        Assert.Equal(2, cause.Evidence.Count);
        Assert.Contains("PESQ peaked at 2.600 (epoch 2) and ended at 2.200 (epoch 5); collapse from epoch 3", cause.Evidence[0], StringComparison.Ordinal);
        Assert.Contains("training loss 0.1500 at the peak, 0.1200 at the end (still falling)", cause.Evidence[0], StringComparison.Ordinal);
    }

    [Fact]
    public void When_every_arm_prevents_the_collapse_the_experiment_cannot_tell_causes_apart()
    {
        var cause = Experiment("baseline,mask,train-files=8", (arm, _) => arm == "baseline").Cause!;

        Assert.False(cause.Earned);
        Assert.Empty(cause.Causes);
        Assert.Equal(["mask", "train-files=8"], cause.Preventing);
        Assert.StartsWith("Inconclusive:", cause.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void An_arm_that_prevents_the_collapse_in_one_seed_only_names_no_cause()
    {
        var cause = Experiment("baseline,mask,train-files=8", (arm, seed) => arm != "train-files=8" || seed == 2).Cause!;

        Assert.False(cause.Earned);
        Assert.Empty(cause.Preventing);
        Assert.Equal(["mask"], cause.StillCollapsing);
        Assert.StartsWith("Inconclusive:", cause.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void A_baseline_that_collapses_in_only_some_seeds_gives_no_cause()
    {
        var cause = Experiment("baseline,mask,train-files=8", (arm, seed) => arm != "train-files=8" && seed == 1).Cause!;

        Assert.False(cause.Earned);
        Assert.Contains("collapsed in 1 of 2 seeds", cause.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_shows_the_conclusion_and_what_to_run_on_your_own_data()
    {
        var report = Experiment("baseline,mask,train-files=8", (arm, _) => arm != "train-files=8");
        string markdown = Perceptor.Diagnostics.Report.MarkdownRenderer.Render(ComparisonReportBuilder.Build(report, includePlots: false));

        Assert.Contains("## Conclusion", markdown, StringComparison.Ordinal);
        Assert.Contains("Cause: H7 (overtraining)", markdown, StringComparison.Ordinal);
        Assert.Contains("## What this means for your run", markdown, StringComparison.Ordinal);
        Assert.Contains("perceptor experiment --data", markdown, StringComparison.Ordinal);
    }
}
