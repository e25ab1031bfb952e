using Perceptor.Diagnostics.RunLog;
using Perceptor.Quality.Pesq;
using Perceptor.Training.Config;
using Perceptor.Training.Step;

namespace Perceptor.Training.Tests.Step;

public class PesqTargetsTests
{
    private static readonly PesqResult[] OneFailed = [PesqResult.Success(4.5), PesqResult.Failed(PesqFailure.NoUtterances), PesqResult.Success(1.0), PesqResult.Success(2.75)];
    private static readonly PesqResult[] AllFailed = [PesqResult.Failed(PesqFailure.NoUtterances), PesqResult.Failed(PesqFailure.TooShort)];

    [Fact]
    public void Skip_batch_drops_the_step_when_any_clip_fails()
    {
        var d = PesqTargets.Decide(OneFailed, PesqFailurePolicy.SkipBatch);
        Assert.True(d.Skip);
        Assert.Equal(DiscSkipReason.PesqFailed, d.SkipReason);
        Assert.Equal(3, d.Scored);
        Assert.Equal(1, d.FailedByKind["no_utterances"]);
        Assert.Equal((4.5 + 1.0 + 2.75) / 3, d.PesqMean!.Value, 12);
    }

    [Fact]
    public void Skip_batch_keeps_per_clip_targets_when_all_score()
    {
        var d = PesqTargets.Decide([PesqResult.Success(4.5), PesqResult.Success(1.0)], PesqFailurePolicy.SkipBatch);
        Assert.False(d.Skip);
        Assert.Equal([1f, 0f], d.Targets);
        Assert.Equal([1f, 1f], d.Mask);
    }

    [Fact]
    public void Batch_mean_gives_every_clip_the_mean_of_the_valid_scores()
    {
        var d = PesqTargets.Decide(OneFailed, PesqFailurePolicy.BatchMean);
        Assert.False(d.Skip);
        float mean = (float)(((4.5 + 1.0 + 2.75) / 3 - 1) / 3.5);
        Assert.All(d.Targets, t => Assert.Equal(mean, t, 6));
        Assert.Equal([1f, 1f, 1f, 1f], d.Mask);
    }

    [Fact]
    public void Batch_mean_skips_when_nothing_scored_instead_of_inventing_a_target()
    {
        var d = PesqTargets.Decide(AllFailed, PesqFailurePolicy.BatchMean);
        Assert.True(d.Skip);
        Assert.Equal(DiscSkipReason.PesqAllFailed, d.SkipReason);
        Assert.Null(d.PesqMean);
    }

    [Fact]
    public void Mask_regresses_only_the_clips_that_scored()
    {
        var d = PesqTargets.Decide(OneFailed, PesqFailurePolicy.Mask);
        Assert.False(d.Skip);
        Assert.Equal([1f, 0f, 1f, 1f], d.Mask);
        Assert.Equal(1f, d.Targets[0]);
        Assert.Equal(0f, d.Targets[2]);
        Assert.Equal(0.5f, d.Targets[3], 6);
    }

    [Fact]
    public void Mask_still_steps_on_the_clean_term_when_nothing_scored()
    {
        var d = PesqTargets.Decide(AllFailed, PesqFailurePolicy.Mask);
        Assert.False(d.Skip);
        Assert.Equal([0f, 0f], d.Mask);
        Assert.Equal(2, d.FailedByKind.Values.Sum());
    }
}
