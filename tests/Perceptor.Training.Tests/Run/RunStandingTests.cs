using Perceptor.Diagnostics.RunLog;
using Perceptor.Training.Run;
using Perceptor.Training.Step;

namespace Perceptor.Training.Tests.Run;

public class RunStandingTests
{
    private static StepOutcome Outcome(bool nonfinite) => new()
    {
        Loss = new LossTerms(1, 0.1, 0.2, 0.3, 0.4), Clips = 2,
        Generator = new GeneratorUpdate(nonfinite ? null : 1.0, null),
        Discriminator = nonfinite ? DiscriminatorUpdate.Skipped(DiscSkipReason.NonfiniteLoss) : DiscriminatorUpdate.Taken(0.5, 1.0),
    };

    [Fact]
    public void A_step_counts_once_and_stays_at_its_batch_until_the_loop_moves_on()
    {
        var standing = RunStanding.Fresh().AfterStep(Outcome(nonfinite: false));
        Assert.Equal(new RunPosition(0, 0, 1), standing.Position);
        Assert.Equal(1, standing.Tally.Batches);

        var next = standing.NextBatch();
        Assert.Equal(new RunPosition(0, 1, 1), next.Position);
        Assert.Same(standing.Tally, next.Tally);
    }

    [Fact]
    public void The_next_epoch_starts_at_batch_zero_with_a_fresh_tally_and_keeps_the_step_count_and_best()
    {
        var standing = RunStanding.Fresh().AfterStep(Outcome(false)).NextBatch().AfterStep(Outcome(false)).NextBatch()
            with { BestPesq = 2.5, BestEpoch = 1 };

        var next = standing.NextEpoch();

        Assert.Equal(new RunPosition(1, 0, 2), next.Position);
        Assert.Equal(0, next.Tally.Batches);
        Assert.Equal(2, standing.Tally.Batches); // the finished epoch's tally is left as it was
        Assert.Equal((2.5, 1), (next.BestPesq!.Value, next.BestEpoch!.Value));
    }

    [Fact]
    public void Non_finite_steps_count_in_a_row_and_a_finite_one_ends_the_streak()
    {
        var standing = RunStanding.Fresh().AfterStep(Outcome(true)).AfterStep(Outcome(true));
        Assert.Equal(2, standing.ConsecutiveNonfinite);
        Assert.Equal(0, standing.AfterStep(Outcome(false)).ConsecutiveNonfinite);
    }

    [Theory]
    [InlineData(2, 0, 2)] // at an epoch boundary: the last finished epoch
    [InlineData(2, 3, 3)] // inside epoch 3 (0-based 2)
    public void The_run_end_names_the_epoch_in_progress_once_a_batch_of_it_ran(int epoch, int batch, int logged)
    {
        Assert.Equal(logged, new RunPosition(epoch, batch, 10).LoggedEpoch);
    }
}
