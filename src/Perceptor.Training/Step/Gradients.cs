using Perceptor.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Perceptor.Training.Step;

/// <summary>Gradient norms, clipping and freezing, shared by the generator and discriminator phases.</summary>
internal static class Gradients
{
    /// <summary>Σ‖g‖² over <paramref name="grads"/> as a scalar tensor (unused entries skipped).</summary>
    public static Tensor SquaredNorm(IList<Tensor> grads)
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

    /// <summary>Clips to <paramref name="clip"/> when it is positive and returns the L2 norm of the gradients before clipping.</summary>
    public static double ClipAndNorm(Parameter[] parameters, double clip)
    {
        if (clip > 0)
        {
            return nn.utils.clip_grad_norm_(parameters, clip);
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

    /// <summary>Turns gradient tracking of <paramref name="parameters"/> on or off.</summary>
    public static void SetRequiresGrad(Parameter[] parameters, bool value)
    {
        foreach (var p in parameters)
        {
            p.requires_grad = value;
        }
    }
}
