using Perceptor.Diagnostics.RunLog;
using Perceptor.Models;
using Perceptor.Training.Config;
using Perceptor.Training.Networks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Perceptor.Training.Step;

/// <summary>
/// The generator's phase of an iteration: its loss against the current discriminator, then backward, clipping and
/// the optimiser step, with the loss-balance probe when asked.
/// </summary>
internal sealed class GeneratorPhase(TrainingModels models, OptimizerHelper optimizer, Parameter[] parameters, Parameter[] discParameters,
    LossSection weights, double gradClip)
{
    private readonly IList<Tensor>?[] _partials = new IList<Tensor>?[3];

    /// <summary>The four loss terms of <paramref name="f"/> and their weighted sum (tensors of the step's dispose scope).</summary>
    public GeneratorLoss Loss(SpectralForward f)
    {
        var ri = CmganLoss.RealImag(f);
        var mag = CmganLoss.Magnitude(f);
        var time = CmganLoss.Time(f);
        Gradients.SetRequiresGrad(discParameters, false); // the generator's loss must not spend a backward on D's weights
        var gan = CmganLoss.Gan(models.Discriminator.forward(f.CleanMag, f.EstMag));
        Gradients.SetRequiresGrad(discParameters, true);
        var total = ri.MulScalar(weights.RiWeight).Plus(mag.MulScalar(weights.MagWeight)).Plus(time.MulScalar(weights.TimeWeight)).Plus(gan.MulScalar(weights.GanWeight));
        var values = new LossTerms(total.ToDoubleValue(), ri.ToDoubleValue(), mag.ToDoubleValue(), time.ToDoubleValue(), gan.ToDoubleValue());
        return new GeneratorLoss(total, ri, time, gan, values);
    }

    /// <summary>
    /// Backward, clip and step on a finite <paramref name="loss"/>. A non-finite gradient clears the gradients and
    /// makes no update (<see cref="GeneratorUpdate.GradNorm"/> null).
    /// </summary>
    public GeneratorUpdate Step(GeneratorLoss loss, bool probeBalance)
    {
        TermValues? balance = null;
        optimizer.zero_grad();
        Tensor[]? partial = probeBalance
            ? PartialGradients([loss.Ri.MulScalar(weights.RiWeight), loss.Time.MulScalar(weights.TimeWeight), loss.Gan.MulScalar(weights.GanWeight)])
            : null;
        loss.Total.backward();
        if (partial is not null)
        {
            balance = Balance(partial);
        }

        double norm = Gradients.ClipAndNorm(parameters, gradClip);
        if (!double.IsFinite(norm))
        {
            optimizer.zero_grad();
            return new GeneratorUpdate(null, balance);
        }

        optimizer.step();
        return new GeneratorUpdate(norm, balance);
    }

    /// <summary>Gradients of each weighted term on the generator, keeping the graph for the main backward.</summary>
    private Tensor[] PartialGradients(Tensor[] weightedTerms)
    {
        var sums = new Tensor[weightedTerms.Length];
        for (int i = 0; i < weightedTerms.Length; i++)
        {
            var grads = autograd.grad([weightedTerms[i]], parameters, retain_graph: true, allow_unused: true);
            sums[i] = Gradients.SquaredNorm(grads);
            // Keep the per-parameter gradients of this term to subtract from the total below.
            _partials[i] = grads;
        }

        return sums;
    }

    /// <summary>Norms of the weighted RI, time and GAN terms from autograd, magnitude from the total minus those three.</summary>
    private TermValues Balance(Tensor[] squaredNorms)
    {
        Tensor magSquared = zeros(1, device: models.Device);
        for (int p = 0; p < parameters.Length; p++)
        {
            var g = parameters[p].grad;
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
}
