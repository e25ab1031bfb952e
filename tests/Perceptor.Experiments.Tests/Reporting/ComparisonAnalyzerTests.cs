using Perceptor.Experiments.Reporting;
using Perceptor.Training.Config;

namespace Perceptor.Experiments.Tests.Reporting;

public sealed class ComparisonAnalyzerTests : IDisposable
{
    private readonly string _root = FakeRuns.TempDir("report");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // Peak at epoch 2, then at least 0.3 below it for three epochs while the training loss keeps falling: a collapse
    // with onset at epoch 3 under the run's rule (collapse.drop 0.2 for collapse.epochs 3).
    private static List<FakeRuns.Epoch> Collapsing(double shift, int skipped) =>
    [
        new(2.40 + shift, skipped, Mae: 0.10, GanShare: 0.05, Saturated: 1, ClipsFailed: skipped, Loss: 0.16),
        new(2.60 + shift, skipped, Mae: 0.12, GanShare: 0.04, Saturated: 2, ClipsFailed: skipped, Loss: 0.15),
        new(2.30 + shift, skipped, Mae: 0.20, GanShare: 0.03, Saturated: 3, ClipsFailed: skipped, Loss: 0.14),
        new(2.25 + shift, skipped, Mae: 0.25, GanShare: 0.02, Saturated: 4, ClipsFailed: skipped, Loss: 0.13),
        new(2.20 + shift, skipped, Mae: 0.30, GanShare: 0.01, Saturated: 5, ClipsFailed: skipped, Loss: 0.12),
    ];

    private static List<FakeRuns.Epoch> Steady(double shift) =>
    [
        new(2.40 + shift, 0, Mae: 0.08, GanShare: 0.05, ClipsFailed: 4, Loss: 0.16),
        new(2.55 + shift, 0, Mae: 0.07, GanShare: 0.05, ClipsFailed: 4, Loss: 0.15),
        new(2.62 + shift, 0, Mae: 0.06, GanShare: 0.05, ClipsFailed: 4, Loss: 0.14),
        new(2.64 + shift, 0, Mae: 0.06, GanShare: 0.05, ClipsFailed: 4, Loss: 0.13),
        new(2.65 + shift, 0, Mae: 0.06, GanShare: 0.05, ClipsFailed: 4, Loss: 0.12),
    ];

    private void WriteExperiment(bool manifest)
    {
        string data = Path.Combine(_root, "data");
        Directory.CreateDirectory(data);
        var plan = ExperimentPlanner.Plan(new ExperimentSpec
        {
            DataDir = data,
            OutDir = _root,
            Arms = ExperimentPlanner.ParseArms(["baseline,mask"], null, null, []),
            Seeds = [1, 2, 3],
            Epochs = 5,
        });
        if (manifest)
        {
            ExperimentManifest.Create(plan).Save(_root);
        }

        double[] shifts = [0.0, 0.02, -0.02];
        for (int s = 0; s < 3; s++)
        {
            foreach (var run in plan.Runs.Where(r => r.Seed == s + 1))
            {
                string dir = Path.Combine(_root, run.Folder);
                bool isMask = run.Arm.Name == "mask";
                FakeRuns.Write(dir, run.Seed, isMask ? Steady(shifts[s]) : Collapsing(shifts[s], skipped: 4),
                    pesqFailures: isMask ? "mask" : "skip-batch", collapseAt: isMask ? null : 3);
                File.WriteAllText(Path.Combine(dir, "config.json"), ConfigLoader.ToJson(ConfigLoader.Load(null, null, run.Overrides)));
            }
        }
    }

    [Fact]
    public void The_table_numbers_come_from_the_records_of_each_run()
    {
        WriteExperiment(manifest: true);
        var report = ComparisonAnalyzer.Analyze(_root);

        Assert.Equal(["baseline", "mask"], report.Arms.Select(a => a.Name));
        var baseline = report.Baseline!;
        Assert.Equal(3, baseline.Runs.Count);
        var run = baseline.Runs[0];
        Assert.Equal(2.60, run.BestPesq!.Value, 9);
        Assert.Equal(2, run.BestEpoch);
        Assert.Equal(2.20, run.FinalPesq!.Value, 9);
        Assert.Equal(5, run.FinalEpoch);
        Assert.True(run.Collapsed);
        Assert.Equal(3, run.CollapseOnset);
        Assert.Equal(20.0 / 50, run.SkipRate!.Value, 9);
        Assert.Equal(20.0 / 200, run.ClipFailureRate!.Value, 9);
        Assert.Equal(15.0 / 30, run.SaturatedShare!.Value, 9);
        Assert.Equal(0.30, run.CalibrationMae!.Value, 9);
        Assert.Equal((0.05 + 0.04 + 0.03 + 0.02 + 0.01) / 5, run.GanShare!.Value, 9);
        Assert.Equal(1.5, run.NoisyPesq!.Value, 9);
        Assert.Equal(5, run.EpochsPlanned);
        Assert.Equal(10, run.TrainSeconds, 9);
        Assert.Contains(run.Findings, f => f.Id == "pesq-collapse");
        Assert.Contains(run.Findings, f => f.Id == "disc-skipping");
        Assert.DoesNotContain(report.Arms[1].Runs[0].Findings, f => f.Id == "pesq-collapse");

        Assert.Equal(2.20, baseline.FinalPesq!.Mean, 9);
        Assert.Equal(0.02, baseline.FinalPesq.Sd!.Value, 9);
        Assert.Equal(3, baseline.Collapsed);
        Assert.Equal(0, report.Arms[1].Collapsed);
    }

    [Fact]
    public void The_mask_arm_that_avoids_the_collapse_supports_h1()
    {
        WriteExperiment(manifest: true);
        var h1 = ComparisonAnalyzer.Analyze(_root).Verdicts.Single(v => v.Hypothesis.Id == "H1");
        Assert.Equal(VerdictKind.Supported, h1.Kind);
        Assert.Equal(0.45, h1.Comparisons.Single().Delta!.Value, 9);
    }

    [Fact]
    public void Gathered_cluster_folders_without_a_manifest_are_read_and_their_arms_inferred()
    {
        WriteExperiment(manifest: false);
        var report = ComparisonAnalyzer.Analyze(_root);

        Assert.Null(report.Manifest);
        var mask = report.Arms.Single(a => a.Name == "mask");
        Assert.Equal(["pesq.failures=mask"], mask.Settings);
        Assert.Equal(["H1"], mask.Hypotheses);
        Assert.Equal(VerdictKind.Supported, report.Verdicts[0].Kind);
    }

    [Fact]
    public void Missing_planned_runs_and_garbled_lines_are_noted_not_fatal()
    {
        WriteExperiment(manifest: true);
        Directory.Delete(Path.Combine(_root, "mask", "seed-3"), recursive: true);
        File.AppendAllText(Path.Combine(_root, "mask", "seed-1", "metrics.jsonl"), "{not json\n");

        var report = ComparisonAnalyzer.Analyze(_root);
        Assert.Contains(report.Notes, n => n.StartsWith("mask/seed-3: planned but not found", StringComparison.Ordinal));
        Assert.Contains(report.Notes, n => n.Contains("mask/seed-1") && n.Contains("unreadable record"));
        Assert.Equal(2, report.Arms[1].Runs.Count);
        Assert.Contains(report.Verdicts[0].Caveats, c => c.Contains("Not every arm has the baseline's 3 seed(s): mask"));
    }

    [Fact]
    public void Without_a_baseline_there_are_no_verdicts_and_the_report_says_why()
    {
        FakeRuns.Write(Path.Combine(_root, "mask", "seed-1"), 1, Steady(0));
        var report = ComparisonAnalyzer.Analyze(_root);
        Assert.Empty(report.Verdicts);
        Assert.Contains(report.Notes, n => n.Contains("No baseline runs"));
    }
}
