using Perceptor.Experiments.Arms;

namespace Perceptor.Experiments.Tests.Arms;

public sealed class ArmParserTests
{
    [Fact]
    public void Built_in_arms_map_to_their_overrides_and_hypotheses()
    {
        var arms = ArmParser.Parse(["baseline,batch-mean,mask,speech-crops,disc-lr=5e-4,gan-weight=0.2,batch-size=1"], 5e-4);

        Assert.Equal(["baseline", "batch-mean", "mask", "speech-crops", "disc-lr=5e-4", "gan-weight=0.2", "batch-size=1"], arms.Select(a => a.Name));
        Assert.Empty(arms[0].Settings);
        Assert.Equal(["pesq.failures=batch-mean"], arms[1].Settings);
        Assert.Equal(["pesq.failures=mask"], arms[2].Settings);
        Assert.Equal(["data.speechAwareCrops=true"], arms[3].Settings);
        Assert.Equal(["optim.discLr=0.0005"], arms[4].Settings);
        Assert.Equal(["loss.ganWeight=0.2"], arms[5].Settings);
        Assert.Equal(["train.batchSize=1"], arms[6].Settings);
        Assert.Equal(["H1", "H1", "H1", "H2", "H3"], arms.Skip(1).Take(5).Select(a => a.HypothesisIds.Single()));
        Assert.Equal(["H6", "H7"], arms[6].HypothesisIds);
        Assert.Equal(["pesq.failures=skip-batch"], ArmParser.ReferenceSettings);
    }

    [Fact]
    public void The_overtraining_arms_change_the_data_size_or_the_generator_rate_and_test_h7()
    {
        var arms = ArmParser.Parse(["train-files=8,train-files=all,gen-lr=2e-4"], 5e-4);

        Assert.Equal(["baseline", "train-files=8", "train-files=all", "gen-lr=2e-4"], arms.Select(a => a.Name));
        Assert.Equal(["data.trainFiles=8"], arms[1].Settings);
        Assert.Equal(["data.trainFiles=0"], arms[2].Settings);
        Assert.Equal(["optim.genLr=0.0002"], arms[3].Settings);
        Assert.All(arms.Skip(1), a => Assert.Equal(["H7"], a.HypothesisIds));
        Assert.Throws<ArgumentException>(() => ArmParser.Parse(["train-files=0"], 5e-4));
        Assert.Throws<ArgumentException>(() => ArmParser.Parse(["gen-lr=-1"], 5e-4));
    }

    [Fact]
    public void The_baseline_is_added_first_when_missing()
    {
        var arms = ArmParser.Parse(["mask", "gan-weight=0.3"], 5e-4);
        Assert.Equal(["baseline", "mask", "gan-weight=0.3"], arms.Select(a => a.Name));
        Assert.True(arms[0].IsBaseline);
    }

    [Fact]
    public void Disc_lr_gen_takes_the_generator_rate_of_the_experiment()
    {
        var arm = ArmParser.Parse(["disc-lr=gen"], 2.5e-4)[1];
        Assert.Equal(["optim.discLr=0.00025"], arm.Settings);
        Assert.Equal(["H2"], arm.HypothesisIds);
    }

    [Fact]
    public void A_named_arm_collects_its_settings_across_commas_and_infers_its_hypotheses()
    {
        var arms = ArmParser.Parse(["mask,fork-fix:loss.ganWeight=0.2,loss.magWeight=0.5,optim.discLr=5e-4;gan-weight=0.3"], 5e-4);

        Assert.Equal(["baseline", "mask", "fork-fix", "gan-weight=0.3"], arms.Select(a => a.Name));
        var custom = arms[2];
        Assert.Equal(["loss.ganWeight=0.2", "loss.magWeight=0.5", "optim.discLr=5e-4"], custom.Settings);
        Assert.Equal(["H2", "H3"], custom.HypothesisIds);
    }

    [Fact]
    public void A_named_arm_with_keys_that_bear_on_no_hypothesis_tests_none()
    {
        var arm = ArmParser.Parse(["lr-sched:optim.lrGamma=0.7"], 5e-4)[1];
        Assert.Empty(arm.HypothesisIds);
        Assert.Equal("custom: optim.lrGamma=0.7", arm.Description);
    }

    [Theory]
    [InlineData("warp-drive", "unknown arm 'warp-drive'")]
    [InlineData("disc-lr=fast", "not a positive number")]
    [InlineData("disc-lr=0", "not a positive number")]
    [InlineData("gan-weight=-1", "not a non-negative number")]
    [InlineData("batch-size=0", "whole number >= 1")]
    [InlineData("mask,mask", "listed twice")]
    [InlineData("empty:", "lists no key=value")]
    [InlineData("bad/name:loss.ganWeight=1", "arm name")]
    [InlineData("x:notakey", "is not a key=value setting")]
    public void Bad_arm_text_is_refused_with_the_reason(string spec, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => ArmParser.Parse([spec], 5e-4));
        Assert.Contains(expected, error.Message);
    }
}
