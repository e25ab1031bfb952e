using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Models.Tests;

internal static class TensorAssert
{
    /// <summary>Same shape and bit-for-bit equal elements.</summary>
    public static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().ToBooleanValue();

    /// <summary>
    /// After a backward: every parameter has a finite gradient, and every one not named by
    /// <paramref name="except"/> a gradient that is not all zero.
    /// </summary>
    public static void EveryParameterHasAGradient(nn.Module module, Func<string, bool>? except = null)
    {
        foreach (var (name, parameter) in module.named_parameters())
        {
            var grad = parameter.grad;
            Assert.True(grad is not null, $"{name} has no gradient");
            Assert.True(grad.isfinite().all().ToBooleanValue(), $"{name} has a non-finite gradient");
            if (except is null || !except(name))
            {
                Assert.True(grad.abs().max().ToSingleValue() > 0f, $"{name} has an all-zero gradient");
            }
        }
    }
}
