using Perceptor.Diagnostics.RunLog;
using Perceptor.Models;
using Perceptor.Training.Networks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Perceptor.Training.Step;

/// <summary>
/// The discriminator's phase: regress D(|X|, |X|) to 1 and D(|X|, |X̂|) to the PESQ targets on the same (pre-update)
/// estimate the generator saw, or skip as the target decision says. A non-finite loss or gradient drops the update.
/// </summary>
internal sealed class DiscriminatorPhase(TrainingModels models, OptimizerHelper optimizer, Parameter[] parameters, RunningBuffers buffers, double gradClip)
{
    /// <summary>One step (or skip) on the forward pass <paramref name="f"/> with <paramref name="targets"/>.</summary>
    public DiscriminatorUpdate Step(SpectralForward f, TargetDecision targets)
    {
        if (targets.Skip)
        {
            return DiscriminatorUpdate.Skipped(targets.SkipReason!.Value);
        }

        var device = models.Device;
        var estMag = f.EstMag.detach();
        // The reference's order: each training forward advances the spectral-norm iteration, so the order decides
        // which estimate of σ each term uses.
        var predictEstimate = models.Discriminator.forward(f.CleanMag, estMag);
        var predictClean = models.Discriminator.forward(f.CleanMag, f.CleanMag);
        var target = tensor(targets.Targets, device: device);
        var mask = tensor(targets.Mask, device: device);
        int maskCount = (int)targets.Mask.Sum();
        var loss = CmganLoss.Discriminator(predictClean, predictEstimate, target, mask, maskCount);
        double value = loss.ToDoubleValue();
        if (!double.IsFinite(value))
        {
            buffers.Restore(); // the discriminator's forward passes may have averaged NaN into its running statistics
            return DiscriminatorUpdate.Skipped(DiscSkipReason.NonfiniteLoss);
        }

        optimizer.zero_grad(); // clears what the generator's backward may have left
        loss.backward();
        double norm = Gradients.ClipAndNorm(parameters, gradClip);
        if (!double.IsFinite(norm))
        {
            optimizer.zero_grad();
            return DiscriminatorUpdate.Skipped(DiscSkipReason.NonfiniteGradient);
        }

        optimizer.step();
        return DiscriminatorUpdate.Taken(value, norm);
    }
}
