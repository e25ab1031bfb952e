using Perceptor.Diagnostics.RunLog;
using Perceptor.Training.Step;

namespace Perceptor.Training.Tests.Step;

public class StepOutcomeTests
{
    private static readonly LossTerms Loss = new(1.5, 0.25, 0.5, 0.125, 0.75);

    private static TargetDecision Targets(int scored, double? mean, params (string Kind, int Count)[] failed) =>
        new(false, null, new float[2], new float[2], scored, failed.ToDictionary(f => f.Kind, f => f.Count), mean, new double[2]);

    [Fact]
    public void A_full_step_maps_every_phase_into_its_log_record()
    {
        var outcome = new StepOutcome
        {
            Loss = Loss, Clips = 2, Seconds = 0.5,
            Generator = new GeneratorUpdate(3.0, null),
            Targets = Targets(1, 2.9, ("no_utterances", 1)),
            Discriminator = DiscriminatorUpdate.Taken(0.04, 0.7),
        };

        var record = outcome.ToRecord(epoch: 2, step: 17, batch: 5, lrGen: 5e-4, lrDisc: 1e-3);

        Assert.Equal((2, 17L, 5), (record.Epoch, record.Step, record.Batch));
        Assert.Equal(Loss, record.Loss);
        Assert.Equal((0.04, false, (DiscSkipReason?)null), (record.DiscLoss, record.DiscSkipped, record.SkipReason));
        Assert.Equal((2, 1, 2.9), (record.Clips, record.ClipsScored, record.PesqMean));
        Assert.Equal(1, record.ClipsFailed!["no_utterances"]);
        Assert.Equal((3.0, 0.7), (record.GradNormGen!.Value, record.GradNormDisc!.Value));
        Assert.Equal((5e-4, 1e-3, 0.5), (record.LrGen, record.LrDisc, record.StepSeconds));
        Assert.False(record.Nonfinite);
    }

    [Fact]
    public void A_skip_by_the_target_decision_is_a_skip_with_its_reason_and_no_loss()
    {
        var outcome = new StepOutcome
        {
            Loss = Loss, Clips = 2,
            Generator = new GeneratorUpdate(3.0, null),
            Targets = Targets(1, 2.9, ("too_short", 1)),
            Discriminator = DiscriminatorUpdate.Skipped(DiscSkipReason.PesqFailed),
        };

        var record = outcome.ToRecord(1, 1, 1, 0, 0);

        Assert.True(record.DiscSkipped);
        Assert.Null(record.DiscLoss);
        Assert.Null(record.GradNormDisc);
        Assert.Equal(DiscSkipReason.PesqFailed, record.SkipReason);
        Assert.False(record.Nonfinite);
    }

    [Fact]
    public void A_non_finite_generator_gradient_marks_the_step_non_finite_with_nothing_scored()
    {
        var outcome = new StepOutcome
        {
            Loss = Loss, Clips = 2,
            Generator = new GeneratorUpdate(null, new TermValues(1, 2, 3, 4)),
            Targets = null,
            Discriminator = DiscriminatorUpdate.Skipped(DiscSkipReason.NonfiniteGradient),
        };

        var record = outcome.ToRecord(1, 1, 1, 0, 0);

        Assert.True(record.Nonfinite);
        Assert.Null(record.GradNormGen);
        Assert.Equal(DiscSkipReason.NonfiniteGradient, record.SkipReason);
        Assert.Equal(0, record.ClipsScored);
        Assert.Empty(record.ClipsFailed!);
        Assert.Null(record.PesqMean);
        Assert.Equal(new TermValues(1, 2, 3, 4), outcome.GradBalance);
    }
}
