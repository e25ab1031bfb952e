using Perceptor.Diagnostics.RunLog;
using Perceptor.Models;
using Perceptor.Training.Config;
using Perceptor.Training.Data;
using Perceptor.Training.Networks;
using Perceptor.Training.Step;
using Perceptor.Training.Tests.Fakes;
using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Training.Tests.Step;

[Collection(TorchCollection.Name)]
public class MetricGanStepTests
{
    // Accounting tests run on few-parameter stand-ins (fast); the memory and loss-balance tests on the delivered tiny model.
    private static MetricGanStep Engine(params string[] overrides) => Engine(TestRuns.FakeModels, overrides);

    private static MetricGanStep Engine(Func<Perceptor.Models.ModelPreset, Device, TrainingModels> models, params string[] overrides)
    {
        random.manual_seed(1);
        var config = TestRuns.Config(overrides);
        return new MetricGanStep(models(config.Model.Resolve(), CPU), config, PesqBatchScorers.Wideband(0));
    }

    /// <summary>A batch of 1 s speech crops; <paramref name="silent"/> clips have an all-zero clean side (PESQ finds no utterance).</summary>
    private static TrainBatch Batch(params bool[] silent)
    {
        int length = 16000;
        var clean = new float[silent.Length * length];
        var noisy = new float[silent.Length * length];
        for (int i = 0; i < silent.Length; i++)
        {
            var pair = silent[i] ? Speech.Silent(i, 1.0) : Speech.Pair(i, 1.0);
            pair.Clean.CopyTo(clean, i * length);
            pair.Noisy.CopyTo(noisy, i * length);
        }

        return new TrainBatch(silent.Length, length, clean, noisy, silent.Select((_, i) => $"c{i}").ToArray(), new int[silent.Length]);
    }

    private static float[] DiscWeights(MetricGanStep engine) =>
        engine.Models.Discriminator.parameters().SelectMany(p => p.detach().cpu().data<float>().ToArray()).ToArray();

    [Fact]
    public void Skip_batch_records_a_skip_not_a_zero_loss_when_one_clip_fails()
    {
        using var engine = Engine("pesq.failures=skip-batch");
        var before = DiscWeights(engine);
        var step = engine.Run(Batch(false, true), probeBalance: false);
        Assert.True(step.DiscSkipped);
        Assert.Null(step.DiscLoss);
        Assert.Null(step.GradNormDisc);
        Assert.Equal(DiscSkipReason.PesqFailed, step.SkipReason);
        Assert.Equal(1, step.ClipsScored);
        Assert.Equal(1, step.ClipsFailed["no_utterances"]);
        Assert.Equal(before, DiscWeights(engine));
        Assert.True(double.IsFinite(step.Loss.Total));
        Assert.NotNull(step.GradNormGen);
    }

    [Fact]
    public void Batch_mean_steps_on_a_partly_failed_batch_and_skips_an_all_failed_one()
    {
        using var engine = Engine("pesq.failures=batch-mean");
        var before = DiscWeights(engine);
        var partly = engine.Run(Batch(false, true), probeBalance: false);
        Assert.False(partly.DiscSkipped);
        Assert.NotNull(partly.DiscLoss);
        Assert.NotEqual(before, DiscWeights(engine));
        var after = DiscWeights(engine);
        var all = engine.Run(Batch(true, true), probeBalance: false);
        Assert.True(all.DiscSkipped);
        Assert.Equal(DiscSkipReason.PesqAllFailed, all.SkipReason);
        Assert.Null(all.DiscLoss);
        Assert.Equal(after, DiscWeights(engine));
    }

    [Fact]
    public void Mask_keeps_the_clean_term_even_when_every_clip_fails()
    {
        // Stand-in networks without dropout or spectral norm, so the clean term can be recomputed exactly.
        using var engine = Engine(TestRuns.FakeModels, "pesq.failures=mask");
        var partly = engine.Run(Batch(false, true), probeBalance: false);
        Assert.False(partly.DiscSkipped);
        Assert.Equal(1, partly.ClipsScored);
        var before = DiscWeights(engine);
        var batch = Batch(true, true);
        double expected;
        using (no_grad())
        using (NewDisposeScope())
        {
            // The (clean, clean) term before the step, with D in train mode as the step sees it.
            engine.Models.Discriminator.train();
            var f = SpectralForward.Run(engine.Models, tensor(batch.Clean, [2, 16000]), tensor(batch.Noisy, [2, 16000]));
            expected = engine.Models.Discriminator.forward(f.CleanMag, f.CleanMag).SubScalar(1).Squared().mean().ToDoubleValue();
        }

        var all = engine.Run(batch, probeBalance: false);
        Assert.False(all.DiscSkipped);
        Assert.Equal(0, all.ClipsScored);
        Assert.Equal(expected, all.DiscLoss!.Value, 5);
        Assert.NotEqual(before, DiscWeights(engine));
    }

    [Fact]
    public void A_non_finite_loss_drops_the_step_and_leaves_the_weights()
    {
        using var engine = Engine(TestRuns.NaNModels);
        var generator = (FakeGenerator)engine.Models.Generator;
        var genBefore = generator.parameters().SelectMany(p => p.detach().data<float>().ToArray()).ToArray();
        var discBefore = DiscWeights(engine);
        var step = engine.Run(Batch(false, false), probeBalance: true);
        Assert.True(step.Nonfinite);
        Assert.True(step.DiscSkipped);
        Assert.Null(step.DiscLoss);
        Assert.Equal(DiscSkipReason.NonfiniteLoss, step.SkipReason);
        Assert.Equal(genBefore, generator.parameters().SelectMany(p => p.detach().data<float>().ToArray()).ToArray());
        Assert.Equal(discBefore, DiscWeights(engine));
    }

    [Fact]
    public void A_non_finite_step_leaves_no_NaN_in_the_running_statistics()
    {
        using var engine = Engine(TestRuns.FakeModels);
        var generator = (FakeGenerator)engine.Models.Generator;
        engine.Run(Batch(false, false), probeBalance: false); // a good step moves the running statistics
        var before = RunningStatistics(generator);
        Assert.All(before, v => Assert.True(float.IsFinite(v)));

        generator.EmitNaN = true;
        var bad = engine.Run(Batch(false, false), probeBalance: false);
        Assert.True(bad.Nonfinite);
        Assert.Equal(before, RunningStatistics(generator));

        generator.EmitNaN = false;
        var good = engine.Run(Batch(false, false), probeBalance: false);
        Assert.False(good.Nonfinite);
        Assert.NotEqual(before, RunningStatistics(generator)); // a good step still updates them
    }

    private static float[] RunningStatistics(nn.Module module) =>
        module.named_buffers().Where(b => b.name.Contains("running", StringComparison.Ordinal))
            .SelectMany(b => b.buffer.detach().cpu().data<float>().ToArray()).ToArray();

    [Fact]
    public void Live_tensors_return_to_the_baseline_after_steps()
    {
        using var engine = Engine(TestRuns.Models);
        var batch = Batch(false, true);
        engine.Run(batch, probeBalance: true); // optimiser state and gradients are created once
        long baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 2; i++)
        {
            engine.Run(batch, probeBalance: i == 1);
        }

        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void The_loss_balance_probe_measures_every_weighted_term()
    {
        using var engine = Engine(TestRuns.Models);
        var step = engine.Run(Batch(false, false), probeBalance: true);
        var norms = step.GradBalance!;
        Assert.All(new[] { norms.Ri, norms.Mag, norms.Time, norms.Gan }, n => Assert.True(n > 0 && double.IsFinite(n)));
        // The four parts add up (as vectors) to the total gradient, so their norms bound it by the triangle inequality.
        Assert.True(norms.Ri + norms.Mag + norms.Time + norms.Gan >= step.GradNormGen!.Value * 0.999);
    }

    [Fact]
    public void The_learning_rate_halves_every_thirty_epochs()
    {
        var optim = new OptimSection();
        Assert.Equal(5e-4, MetricGanStep.ScheduledLr(5e-4, 29, optim));
        Assert.Equal(2.5e-4, MetricGanStep.ScheduledLr(5e-4, 30, optim));
        Assert.Equal(6.25e-5, MetricGanStep.ScheduledLr(5e-4, 119, optim));
    }
}
