using System.Diagnostics;
using Perceptor.Diagnostics.RunLog;
using Perceptor.Training.Config;
using Perceptor.Training.Data;
using Perceptor.Training.Networks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Perceptor.Training.Step;

/// <summary>
/// The networks, their optimisers and one metric-GAN iteration in CMGAN's order, as named phases: the generator's
/// loss with the current discriminator and its step (<see cref="GeneratorPhase"/>), PESQ targets on the same
/// (pre-update) estimate (<see cref="TargetScoring"/>, overlapping the generator's backward), the discriminator's
/// step (<see cref="DiscriminatorPhase"/>). Every tensor of an iteration lives in one dispose scope, so memory is
/// flat across steps.
/// </summary>
internal sealed class MetricGanStep : IDisposable
{
    private readonly TrainingConfig _config;
    private readonly RunningBuffers _buffers;
    private readonly GeneratorPhase _generator;
    private readonly TargetScoring _scoring;
    private readonly DiscriminatorPhase _discriminator;

    public MetricGanStep(TrainingModels models, TrainingConfig config, PesqBatchScorer scorer)
    {
        Models = models;
        _config = config;
        var genParams = models.Generator.parameters().ToArray();
        var discParams = models.Discriminator.parameters().ToArray();
        var o = config.Optim;
        // Every AdamW setting explicit: TorchSharp's defaults are not PyTorch's.
        GenOptimizer = new ScalarSafeAdamW(genParams, o.GenLr, o.Beta1, o.Beta2, o.Eps, o.WeightDecay);
        DiscOptimizer = new ScalarSafeAdamW(discParams, o.DiscLr, o.Beta1, o.Beta2, o.Eps, o.WeightDecay);
        _buffers = new RunningBuffers(models);
        _generator = new GeneratorPhase(models, GenOptimizer, genParams, discParams, config.Loss, o.GradClip);
        _scoring = new TargetScoring(scorer, config.Pesq.Failures);
        _discriminator = new DiscriminatorPhase(models, DiscOptimizer, discParams, _buffers, o.GradClip);
        SetEpoch(0);
    }

    public TrainingModels Models { get; }

    public OptimizerHelper GenOptimizer { get; }

    public OptimizerHelper DiscOptimizer { get; }

    public double LrGen { get; private set; }

    public double LrDisc { get; private set; }

    /// <summary>The StepLR schedule as a function of the epoch: lr₀·γ^⌊epoch/step⌋, so it needs no state to resume.</summary>
    public static double ScheduledLr(double baseLr, int epoch, OptimSection optim) =>
        baseLr * Math.Pow(optim.LrGamma, epoch / optim.LrStepEpochs);

    /// <summary>Sets both learning rates for <paramref name="epoch"/> (0-based).</summary>
    public void SetEpoch(int epoch)
    {
        LrGen = ScheduledLr(_config.Optim.GenLr, epoch, _config.Optim);
        LrDisc = ScheduledLr(_config.Optim.DiscLr, epoch, _config.Optim);
        foreach (var group in GenOptimizer.ParamGroups)
        {
            group.LearningRate = LrGen;
        }

        foreach (var group in DiscOptimizer.ParamGroups)
        {
            group.LearningRate = LrDisc;
        }
    }

    /// <summary>One iteration on <paramref name="batch"/>; <paramref name="probeBalance"/> also measures the loss balance.</summary>
    public StepOutcome Run(TrainBatch batch, bool probeBalance)
    {
        var watch = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        Models.Generator.train();
        Models.Discriminator.train();
        var device = Models.Device;
        var clean = tensor(batch.Clean, [batch.BatchSize, batch.Length], device: device);  // [B, L]
        var noisy = tensor(batch.Noisy, [batch.BatchSize, batch.Length], device: device);  // [B, L]

        _buffers.Save();
        var f = SpectralForward.Run(Models, clean, noisy);
        var loss = _generator.Loss(f);
        StepOutcome Outcome(GeneratorUpdate generator, TargetDecision? targets, DiscriminatorUpdate discriminator) => new()
        {
            Loss = loss.Values, Clips = batch.BatchSize, Generator = generator, Targets = targets, Discriminator = discriminator,
            Seconds = watch.Elapsed.TotalSeconds,
        };

        if (!double.IsFinite(loss.Values.Total))
        {
            _buffers.Restore();
            return Outcome(new GeneratorUpdate(null, null), null, DiscriminatorUpdate.Skipped(DiscSkipReason.NonfiniteLoss));
        }

        var scoring = _scoring.Start(batch, f);
        var generator = _generator.Step(loss, probeBalance);
        if (generator.GradNorm is null)
        {
            _buffers.Restore();
            scoring.Wait();
            return Outcome(generator, null, DiscriminatorUpdate.Skipped(DiscSkipReason.NonfiniteGradient));
        }

        var targets = scoring.GetAwaiter().GetResult();
        return Outcome(generator, targets, _discriminator.Step(f, targets));
    }

    public void Dispose()
    {
        _buffers.Dispose();
        GenOptimizer.Dispose();
        DiscOptimizer.Dispose();
        Models.Dispose();
    }
}
