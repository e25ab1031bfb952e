using Perceptor.Experiments.Arms;

namespace Perceptor.Experiments.Tests;

public sealed class ExperimentPlannerTests
{
    private static ExperimentSpec Spec(string arms, params string[] common) => new()
    {
        DataDir = "/data",
        OutDir = "/out",
        Arms = ExperimentPlanner.ParseArms([arms], null, null, common),
        Seeds = [1, 2],
        Epochs = 10,
        CommonSettings = common,
    };

    [Fact]
    public void Every_arm_runs_every_seed_with_the_same_settings_apart_from_its_own()
    {
        var plan = ExperimentPlanner.Plan(Spec("baseline,mask,gan-weight=0.3", "train.cropSeconds=1"));

        Assert.Equal(["baseline/seed-1", "mask/seed-1", "gan-weight=0.3/seed-1", "baseline/seed-2", "mask/seed-2", "gan-weight=0.3/seed-2"],
            plan.Runs.Select(r => r.Folder));
        Assert.Equal(["pesq.failures=skip-batch", "train.cropSeconds=1", "train.epochs=10", "train.seed=1"], plan.Runs[0].Overrides);
        // The arm's own setting replaces the reference's, in place of it, so each key appears once.
        Assert.Equal(["train.cropSeconds=1", "pesq.failures=mask", "train.epochs=10", "train.seed=1"], plan.Runs[1].Overrides);
        Assert.Equal(["pesq.failures=skip-batch", "train.cropSeconds=1", "loss.ganWeight=0.3", "train.epochs=10", "train.seed=2"], plan.Runs[5].Overrides);
    }

    [Fact]
    public void A_setting_the_trainer_would_reject_fails_before_anything_trains()
    {
        var spec = Spec("baseline") with { Arms = [ArmParser.Baseline, ArmParser.Custom("typo", ["optim.discLR2=1"])] };
        var error = Assert.Throws<ArgumentException>(() => ExperimentPlanner.Plan(spec));
        Assert.Contains("arm 'typo'", error.Message);
        Assert.Contains("optim.discLR2", error.Message);

        var range = Spec("baseline") with { Arms = [ArmParser.Baseline, ArmParser.Custom("neg", ["optim.discLr=2"])] };
        Assert.Contains("optim.discLr", Assert.Throws<ArgumentException>(() => ExperimentPlanner.Plan(range)).Message);
    }

    [Fact]
    public void An_arm_identical_to_the_baseline_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => ExperimentPlanner.Plan(Spec("baseline,mask", "pesq.failures=mask")));
        Assert.Contains("arm 'mask' trains exactly as the baseline", error.Message);
    }

    [Fact]
    public void Seeds_and_epochs_belong_to_the_experiment_not_to_set()
    {
        Assert.Contains("--seeds", Assert.Throws<ArgumentException>(() => ExperimentPlanner.Plan(Spec("mask", "train.seed=3"))).Message);
        Assert.Contains("listed twice", Assert.Throws<ArgumentException>(() => ExperimentPlanner.Plan(Spec("mask") with { Seeds = [1, 1] })).Message);
    }
}
