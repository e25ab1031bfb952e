using Perceptor.Models.Blocks;
using TorchSharp;
using static Perceptor.Models.Tests.TensorAssert;
using static TorchSharp.torch;

namespace Perceptor.Models.Tests;

[Collection(TorchCollection.Name)]
public class DiscriminatorTests
{
    [Fact]
    public void The_reference_discriminator_stages_have_the_reference_shapes_for_two_seconds()
    {
        using var discriminator = new MetricDiscriminator(ModelPresets.Cmgan.Discriminator);
        using var scope = NewDisposeScope();
        var clean = rand(2, 1, 201, 321);
        var estimate = rand(2, 1, 201, 321);

        var layers = discriminator.ForwardLayers(clean, estimate);

        Assert.Equal(19, layers.Count);
        Assert.Equal([2L, 16, 100, 160], layers[2].shape);
        Assert.Equal([2L, 32, 50, 80], layers[5].shape);
        Assert.Equal([2L, 64, 25, 40], layers[8].shape);
        Assert.Equal([2L, 128, 12, 20], layers[11].shape);
        Assert.Equal([2L, 128], layers[13].shape);
        Assert.Equal([2L, 64], layers[16].shape);
        Assert.Equal([2L, 1], layers[18].shape);
    }

    [Fact]
    public void The_output_lies_strictly_between_zero_and_one()
    {
        using var discriminator = new MetricDiscriminator(TestConfigs.Discriminator);
        using var scope = NewDisposeScope();
        var clean = rand(4, 1, 33, 20).MulScalar(3);
        var estimate = rand(4, 1, 33, 20).MulScalar(3);

        var score = discriminator.call(clean, estimate);

        Assert.Equal([4L, 1], score.shape);
        Assert.True(score.GtScalar(0).all().ToBooleanValue());
        Assert.True(score.LtScalar(1).all().ToBooleanValue());
    }

    [Fact]
    public void Gradients_reach_every_discriminator_parameter_after_two_forwards()
    {
        using var discriminator = new MetricDiscriminator(TestConfigs.Discriminator);
        using var scope = NewDisposeScope();
        var clean = rand(2, 1, 33, 20);
        var estimate = rand(2, 1, 33, 20);
        // Instance norm centres each channel, so at initialisation (affine weight 1, bias 0) the global max after the
        // last stage is never negative and that stage's PReLU slopes get exactly zero gradient, in the reference as
        // here. A negative shift of the last norm makes the maxima negative and exposes the slopes' gradient path.
        using (no_grad())
        {
            discriminator.get_parameter("layers.10.bias")!.FillScalar(-3);
        }

        // The discriminator loss: two training-mode forwards (each advancing the power iteration), one backward.
        var loss = discriminator.call(clean, clean).SubScalar(1).Squared().mean()
            .Plus(discriminator.call(clean, estimate).SubScalar(0.5).Squared().mean());
        loss.backward();

        EveryParameterHasAGradient(discriminator);
    }

    [Fact]
    public void The_state_dict_uses_the_reference_names()
    {
        using var discriminator = new MetricDiscriminator(ModelPresets.Cmgan.Discriminator);
        var names = discriminator.state_dict().Keys.ToHashSet();

        foreach (int i in new[] { 0, 3, 6, 9, 14, 17 })
        {
            Assert.Contains($"layers.{i}.weight_orig", names);
            Assert.Contains($"layers.{i}.weight_u", names);
            Assert.Contains($"layers.{i}.weight_v", names);
        }

        Assert.Contains("layers.14.bias", names);
        Assert.Contains("layers.17.bias", names);
        Assert.DoesNotContain("layers.0.bias", names);
        foreach (int i in new[] { 1, 4, 7, 10 })
        {
            Assert.Contains($"layers.{i}.weight", names);
            Assert.Contains($"layers.{i}.bias", names);
        }

        foreach (int i in new[] { 2, 5, 8, 11, 16 })
        {
            Assert.Contains($"layers.{i}.weight", names);
        }

        Assert.Contains("layers.18.slope", names);
        Assert.Equal(1f, discriminator.state_dict()["layers.18.slope"].ToSingleValue());
    }

    [Fact]
    public void Spectral_norm_brings_every_layer_to_unit_top_singular_value()
    {
        using var discriminator = new MetricDiscriminator(ModelPresets.Cmgan.Discriminator);
        using var scope = NewDisposeScope();
        var clean = rand(1, 1, 16, 16);

        // One power iteration per training forward: the estimate converges geometrically, at a rate set by the
        // random weights' gap between the top two singular values (after 150 forwards the worst of many runs was
        // 1.003). The estimate never exceeds the true top singular value, so W/σ̂ never falls below 1.
        for (int i = 0; i < 150; i++)
        {
            using (no_grad())
            {
                discriminator.call(clean, clean).Dispose();
            }
        }

        discriminator.eval();
        foreach (var layer in discriminator.SpectralNormLayers)
        {
            var weight = layer.NormalisedWeight();
            var top = linalg.svdvals(weight.view(weight.shape[0], -1).detach())[0].ToSingleValue();
            Assert.InRange(top, 0.9999f, 1.01f);
        }
    }

    [Fact]
    public void Spectral_norm_recovers_a_known_top_singular_value()
    {
        using var layer = new SpectralNormLinear(4, 3, powerIterations: 1, eps: 1e-12);
        using var scope = NewDisposeScope();
        // W = U·diag(3, 1, 0.5)·Vᵀ with orthonormal U, V: σ_max = 3.
        var u = linalg.qr(randn(3, 3)).Q;
        var v = linalg.qr(randn(4, 3)).Q;
        using (no_grad())
        {
            layer.WeightOrig.copy_(u.matmul(diag(tensor(new[] { 3f, 1f, 0.5f }))).matmul(v.t()));
        }

        var x = randn(1, 4);
        for (int i = 0; i < 12; i++)
        {
            using (no_grad())
            {
                layer.call(x).Dispose();
            }
        }

        var sigma = layer.WeightOrig.norm() / layer.NormalisedWeight().norm(); // Frobenius ratio = σ estimate
        Assert.Equal(3.0, sigma.ToDoubleValue(), 3);
    }

    [Fact]
    public void Eval_mode_leaves_the_power_iteration_vectors_unchanged()
    {
        using var discriminator = new MetricDiscriminator(TestConfigs.Discriminator);
        using var scope = NewDisposeScope();
        var clean = rand(1, 1, 33, 20);
        var estimate = rand(1, 1, 33, 20);
        var layer = discriminator.SpectralNormLayers[1];
        var u0 = layer.WeightU.clone();
        var v0 = layer.WeightV.clone();

        discriminator.eval();
        var first = discriminator.call(clean, estimate);
        var second = discriminator.call(clean, estimate);

        Assert.True(Same(layer.WeightU, u0));
        Assert.True(Same(layer.WeightV, v0));
        Assert.True(Same(first, second));

        discriminator.train();
        discriminator.call(clean, estimate);

        Assert.False(Same(layer.WeightU, u0));
        Assert.False(Same(layer.WeightV, v0));
    }

    [Fact]
    public void Mismatched_or_too_small_inputs_are_rejected()
    {
        using var discriminator = new MetricDiscriminator(TestConfigs.Discriminator);
        using var scope = NewDisposeScope();

        var mismatch = Assert.Throws<ArgumentException>(() => discriminator.call(rand(1, 1, 33, 20), rand(1, 1, 33, 21)));
        Assert.Contains("differs", mismatch.Message, StringComparison.Ordinal);

        var tooShort = Assert.Throws<ArgumentException>(() => discriminator.call(rand(1, 1, 33, 8), rand(1, 1, 33, 8)));
        Assert.Contains("at least 16", tooShort.Message, StringComparison.Ordinal);
    }
}
