using System.Diagnostics;
using Perceptor.Diagnostics.RunLog;
using Perceptor.Models;
using Perceptor.Quality.Pesq;
using Perceptor.Training.Config;
using Perceptor.Training.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Perceptor.Training;

/// <summary>
/// The networks, their optimisers and one training iteration in the reference's order (§5.3): generator loss with
/// the current discriminator, generator step, PESQ targets on the same (pre-update) estimate, discriminator step.
/// Every tensor of an iteration lives in one dispose scope, so memory is flat across steps.
/// </summary>
internal sealed class TrainingEngine : IDisposable
{
    private readonly TrainingConfig _config;
    private readonly PesqBatchScorer _scorer;
    private readonly Parameter[] _genParams;
    private readonly Parameter[] _discParams;
    private readonly IList<Tensor>?[] _partials = new IList<Tensor>?[3];
    private readonly List<Tensor> _savedBuffers = [];

    public TrainingEngine(TrainingModels models, TrainingConfig config, PesqBatchScorer scorer)
    {
        Models = models;
        _config = config;
        _scorer = scorer;
        _genParams = models.Generator.parameters().ToArray();
        _discParams = models.Discriminator.parameters().ToArray();
        var o = config.Optim;
        // Every AdamW setting explicit: TorchSharp's defaults are not PyTorch's.
        GenOptimizer = new OwnedScalarAdamW(_genParams, o.GenLr, o.Beta1, o.Beta2, o.Eps, o.WeightDecay);
        DiscOptimizer = new OwnedScalarAdamW(_discParams, o.DiscLr, o.Beta1, o.Beta2, o.Eps, o.WeightDecay);
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
    public StepOutcome Step(TrainBatch batch, bool probeBalance)
    {
        var watch = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        Models.Generator.train();
        Models.Discriminator.train();
        var device = Models.Device;
        var clean = tensor(batch.Clean, [batch.BatchSize, batch.Length], device: device);  // [B, L]
        var noisy = tensor(batch.Noisy, [batch.BatchSize, batch.Length], device: device);  // [B, L]

        SaveBuffers();
        var f = SpectralForward.Run(Models, clean, noisy);
        var w = _config.Loss;
        var ri = CmganLoss.RealImag(f);
        var mag = CmganLoss.Magnitude(f);
        var time = CmganLoss.Time(f);
        SetRequiresGrad(_discParams, false); // the generator's loss must not spend a backward on D's weights
        var gan = CmganLoss.Gan(Models.Discriminator.forward(f.CleanMag, f.EstMag));
        SetRequiresGrad(_discParams, true);
        var total = ri.MulScalar(w.RiWeight).Plus(mag.MulScalar(w.MagWeight)).Plus(time.MulScalar(w.TimeWeight)).Plus(gan.MulScalar(w.GanWeight));
        var loss = new LossTerms(total.ToDoubleValue(), ri.ToDoubleValue(), mag.ToDoubleValue(), time.ToDoubleValue(), gan.ToDoubleValue());
        if (!double.IsFinite(loss.Total))
        {
            RestoreBuffers();
            return new StepOutcome
            {
                Loss = loss, DiscSkipped = true, SkipReason = "nonfinite_loss", Clips = batch.BatchSize, Nonfinite = true,
                Seconds = watch.Elapsed.TotalSeconds,
            };
        }

        // PESQ of the estimate the generator loss saw, at the true level (the normalisation undone). It depends only on
        // this forward pass, so it is scored on worker threads while the generator's backward and update run.
        float[] estimates = (f.EstAudio.detach() / f.Factor).cpu().data<float>().ToArray();
        var scoring = Task.Run(() => ScoreEstimates(batch, estimates));

        TermValues? balance = null;
        GenOptimizer.zero_grad();
        Tensor[]? partial = probeBalance ? PartialGradients([ri.MulScalar(w.RiWeight), time.MulScalar(w.TimeWeight), gan.MulScalar(w.GanWeight)]) : null;
        total.backward();
        if (partial is not null)
        {
            balance = Balance(partial);
        }

        double genNorm = ClipAndNorm(_genParams);
        if (!double.IsFinite(genNorm))
        {
            GenOptimizer.zero_grad();
            RestoreBuffers();
            scoring.Wait();
            return new StepOutcome
            {
                Loss = loss, DiscSkipped = true, SkipReason = "nonfinite_gradient", Clips = batch.BatchSize, Nonfinite = true,
                GradNormGen = null, GradBalance = balance, Seconds = watch.Elapsed.TotalSeconds,
            };
        }

        GenOptimizer.step();

        var decision = scoring.GetAwaiter().GetResult();
        double? discLoss = null, discNorm = null;
        bool nonfinite = false;
        string? skipReason = decision.SkipReason;
        if (!decision.Skip)
        {
            var estMag = f.EstMag.detach();
            // The reference's order: each training forward advances the spectral-norm iteration, so the order decides
            // which estimate of σ each term uses.
            var predictEstimate = Models.Discriminator.forward(f.CleanMag, estMag);
            var predictClean = Models.Discriminator.forward(f.CleanMag, f.CleanMag);
            var targets = tensor(decision.Targets, device: device);
            var mask = tensor(decision.Mask, device: device);
            int maskCount = (int)decision.Mask.Sum();
            var lossD = CmganLoss.Discriminator(predictClean, predictEstimate, targets, mask, maskCount);
            double value = lossD.ToDoubleValue();
            if (!double.IsFinite(value))
            {
                RestoreBuffers(); // the discriminator's forward passes may have averaged NaN into its running statistics
                nonfinite = true;
                skipReason = "nonfinite_loss";
            }
            else
            {
                DiscOptimizer.zero_grad(); // clears what the generator's backward may have left
                lossD.backward();
                double norm = ClipAndNorm(_discParams);
                if (double.IsFinite(norm))
                {
                    DiscOptimizer.step();
                    discLoss = value;
                    discNorm = norm;
                }
                else
                {
                    DiscOptimizer.zero_grad();
                    nonfinite = true;
                    skipReason = "nonfinite_gradient";
                }
            }
        }

        return new StepOutcome
        {
            Loss = loss,
            DiscLoss = discLoss,
            DiscSkipped = discLoss is null,
            SkipReason = discLoss is null ? skipReason : null,
            Clips = batch.BatchSize,
            ClipsScored = decision.Scored,
            ClipsFailed = decision.FailedByKind,
            PesqMean = decision.PesqMean,
            GradNormGen = genNorm,
            GradNormDisc = discNorm,
            Nonfinite = nonfinite,
            GradBalance = balance,
            Seconds = watch.Elapsed.TotalSeconds,
        };
    }

    private TargetDecision ScoreEstimates(TrainBatch batch, float[] flat)
    {
        var pairs = new PesqPair[batch.BatchSize];
        for (int b = 0; b < batch.BatchSize; b++)
        {
            pairs[b] = new PesqPair(batch.Clean.AsMemory(b * batch.Length, batch.Length), flat.AsMemory(b * batch.Length, batch.Length), 16000);
        }

        return PesqTargets.Decide(_scorer(pairs), _config.Pesq.Failures);
    }

    /// <summary>
    /// Copies both networks' buffers (batch-norm running means and variances, batch counts) before a step. A forward
    /// pass in training mode updates them whatever the loss turns out to be, so a non-finite step would otherwise leave
    /// NaN running statistics behind and every later evaluation would be NaN although the weights were kept.
    /// </summary>
    private void SaveBuffers()
    {
        int i = 0;
        using (no_grad())
        {
            // Enumerated every step rather than cached: loading a checkpoint may hand the modules new buffer tensors.
            foreach (var buffer in ModelBuffers())
            {
                if (i == _savedBuffers.Count)
                {
                    _savedBuffers.Add(buffer.detach().clone().DetachFromDisposeScope());
                }
                else
                {
                    _savedBuffers[i].copy_(buffer);
                }

                i++;
            }
        }
    }

    /// <summary>Puts back the buffers <see cref="SaveBuffers"/> copied.</summary>
    private void RestoreBuffers()
    {
        int i = 0;
        using (no_grad())
        {
            foreach (var buffer in ModelBuffers())
            {
                buffer.copy_(_savedBuffers[i++]);
            }
        }
    }

    private IEnumerable<Tensor> ModelBuffers() => Models.Generator.buffers().Concat(Models.Discriminator.buffers());

    /// <summary>Gradients of each weighted term on the generator, keeping the graph for the main backward.</summary>
    private Tensor[] PartialGradients(Tensor[] weightedTerms)
    {
        var sums = new Tensor[weightedTerms.Length];
        for (int i = 0; i < weightedTerms.Length; i++)
        {
            var grads = autograd.grad([weightedTerms[i]], _genParams, retain_graph: true, allow_unused: true);
            sums[i] = SquaredNorm(grads);
            // Keep the per-parameter gradients of this term to subtract from the total below.
            _partials[i] = grads;
        }

        return sums;
    }

    /// <summary>Norms of the weighted RI, time and GAN terms from autograd, magnitude from the total minus those three.</summary>
    private TermValues Balance(Tensor[] squaredNorms)
    {
        Tensor magSquared = zeros(1, device: Models.Device);
        for (int p = 0; p < _genParams.Length; p++)
        {
            var g = _genParams[p].grad;
            if (g is null)
            {
                continue;
            }

            var rest = g.clone();
            foreach (var partial in _partials)
            {
                if (partial?[p] is { } t && t.numel() > 0)
                {
                    rest -= t;
                }
            }

            magSquared = magSquared.Plus(rest.Squared().sum());
        }

        Array.Clear(_partials);
        return new TermValues(Math.Sqrt(squaredNorms[0].ToDoubleValue()), Math.Sqrt(magSquared.ToDoubleValue()),
            Math.Sqrt(squaredNorms[1].ToDoubleValue()), Math.Sqrt(squaredNorms[2].ToDoubleValue()));
    }

    private static Tensor SquaredNorm(IList<Tensor> grads)
    {
        Tensor? sum = null;
        foreach (var g in grads)
        {
            if (g is null || g.numel() == 0)
            {
                continue;
            }

            var s = g.Squared().sum();
            sum = sum is null ? s : sum.Plus(s);
        }

        return sum ?? zeros(1);
    }

    /// <summary>Clips to <c>optim.gradClip</c> when set and returns the L2 norm of the gradients before clipping.</summary>
    private double ClipAndNorm(Parameter[] parameters)
    {
        if (_config.Optim.GradClip > 0)
        {
            return nn.utils.clip_grad_norm_(parameters, _config.Optim.GradClip);
        }

        var grads = new List<Tensor>(parameters.Length);
        foreach (var p in parameters)
        {
            if (p.grad is { } g)
            {
                grads.Add(g);
            }
        }

        return grads.Count == 0 ? 0 : Math.Sqrt(SquaredNorm(grads).ToDoubleValue());
    }

    private static void SetRequiresGrad(Parameter[] parameters, bool value)
    {
        foreach (var p in parameters)
        {
            p.requires_grad = value;
        }
    }

    public void Dispose()
    {
        foreach (var saved in _savedBuffers)
        {
            saved.Dispose();
        }

        GenOptimizer.Dispose();
        DiscOptimizer.Dispose();
        Models.Dispose();
    }
}
