using TorchSharp;
using static Perceptor.Models.Tests.TensorAssert;
using static TorchSharp.torch;

namespace Perceptor.Models.Tests;

[Collection(TorchCollection.Name)]
public class GeneratorTests
{
    private const int Frames = 9;

    [Fact]
    public void Every_stage_has_the_reference_shape()
    {
        var config = TestConfigs.Generator;
        using var generator = new CmganGenerator(config);
        using var scope = NewDisposeScope();
        var input = randn(2, 2, Frames, config.FrequencyBins); // [B, 2, T, F]

        using var trace = generator.Trace(input);

        int reduced = (config.FrequencyBins + 1) / 2;
        Assert.Equal([2L, config.Channels, Frames, reduced], trace.Encoded.shape);
        Assert.Equal(config.ConformerBlocks, trace.ConformerOutputs.Count);
        foreach (var output in trace.ConformerOutputs)
        {
            Assert.Equal([2L, config.Channels, Frames, reduced], output.shape);
        }

        Assert.Equal([2L, 1, Frames, config.FrequencyBins], trace.Mask.shape);
        Assert.Equal([2L, 2, Frames, config.FrequencyBins], trace.ComplexResidual.shape);
        Assert.Equal([2L, 1, Frames, config.FrequencyBins], trace.Real.shape);
        Assert.Equal([2L, 1, Frames, config.FrequencyBins], trace.Imag.shape);
    }

    [Fact]
    public void The_output_fuses_the_masked_noisy_magnitude_with_the_complex_residual()
    {
        var config = TestConfigs.Generator;
        using var generator = new CmganGenerator(config);
        generator.eval();
        using var scope = NewDisposeScope();
        var input = randn(1, 2, Frames, config.FrequencyBins);

        using var trace = generator.Trace(input);

        // X̂ = M·|Y|·e^{jθ_Y} + ΔX, written in Cartesian form: M·|Y|·cos θ_Y = M·Re Y.
        var expectedReal = (trace.Mask * input.narrow(1, 0, 1)).Plus(trace.ComplexResidual.narrow(1, 0, 1));
        var expectedImag = (trace.Mask * input.narrow(1, 1, 1)).Plus(trace.ComplexResidual.narrow(1, 1, 1));
        Assert.True(trace.Real.allclose(expectedReal, rtol: 1e-4, atol: 1e-5));
        Assert.True(trace.Imag.allclose(expectedImag, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void Forward_and_trace_agree_and_eval_mode_is_deterministic()
    {
        var config = TestConfigs.Generator;
        using var generator = new CmganGenerator(config);
        generator.eval();
        using var scope = NewDisposeScope();
        var input = randn(1, 2, Frames, config.FrequencyBins);

        var (real, imag) = generator.call(input);
        var (real2, imag2) = generator.call(input);
        using var trace = generator.Trace(input);

        Assert.True(Same(real, real2));
        Assert.True(Same(imag, imag2));
        Assert.True(Same(real, trace.Real));
        Assert.True(Same(imag, trace.Imag));
    }

    [Fact]
    public void The_reference_mask_starts_non_negative_and_the_sigmoid_mask_is_bounded()
    {
        using var scope = NewDisposeScope();
        var input = randn(1, 2, Frames, TestConfigs.Generator.FrequencyBins).MulScalar(5);

        using var prelu = new CmganGenerator(TestConfigs.Generator);
        using var preluTrace = prelu.Trace(input);
        Assert.True(preluTrace.Mask.min().ToSingleValue() >= 0f);

        using var sigmoid = new CmganGenerator(TestConfigs.Generator with { MaskActivation = MaskActivation.LearnableSigmoid, MaskSigmoidBeta = 1.5 });
        using var sigmoidTrace = sigmoid.Trace(input);
        Assert.True(sigmoidTrace.Mask.min().ToSingleValue() >= 0f);
        Assert.True(sigmoidTrace.Mask.max().ToSingleValue() <= 1.5f); // β·σ(x) reaches β in float32 only for x > ~17
    }

    [Theory]
    [InlineData(MaskActivation.Prelu)]
    [InlineData(MaskActivation.LearnableSigmoid)]
    public void Gradients_reach_every_generator_parameter(MaskActivation activation)
    {
        var config = TestConfigs.Generator with { MaskActivation = activation };
        using var generator = new CmganGenerator(config);
        using var scope = NewDisposeScope();
        var input = randn(2, 2, Frames, config.FrequencyBins);
        var target = randn(2, 1, Frames, config.FrequencyBins);
        // A per-bin PReLU slope only gets gradient from negative pre-activations; a random final 1×1 convolution
        // (one weight, one bias) can make every pre-activation positive. Unit weight and zero bias pass the
        // normalised, PReLU'd features through, which always include negative values.
        using (no_grad())
        {
            generator.get_parameter("mask_decoder.final_conv.weight")!.FillScalar(1);
            generator.get_parameter("mask_decoder.final_conv.bias")!.zero_();
        }

        var (real, imag) = generator.call(input);
        var loss = (real - target).Squared().mean().Plus(imag.Plus(target).Squared().mean());
        loss.backward();

        // A bias added right before an instance norm is removed again by the norm's mean subtraction, so its
        // gradient is zero up to rounding: the reference has these dead parameters too (897 of the 1 834 833).
        bool CancelledByInstanceNorm(string name) =>
            name is "dense_encoder.conv_1.0.bias" or "dense_encoder.conv_2.0.bias" or "mask_decoder.conv_1.bias"
            || (name.EndsWith(".bias", StringComparison.Ordinal) && (name.Contains("dilated_dense.conv", StringComparison.Ordinal) || name.Contains("dense_block.conv", StringComparison.Ordinal)));

        foreach (var (name, parameter) in generator.named_parameters().Where(np => CancelledByInstanceNorm(np.name)))
        {
            Assert.True(parameter.grad!.abs().max().ToSingleValue() < 1e-5f, $"{name} should have no effective gradient");
        }

        EveryParameterHasAGradient(generator, except: CancelledByInstanceNorm);
    }

    [Fact]
    public void The_state_dict_uses_the_reference_names()
    {
        using var generator = new CmganGenerator(ModelPresets.Cmgan.Generator);
        var names = generator.state_dict().Keys.ToHashSet();

        string[] expected =
        [
            "dense_encoder.conv_1.0.weight", "dense_encoder.conv_1.1.weight", "dense_encoder.conv_1.2.weight",
            "dense_encoder.dilated_dense.conv1.weight", "dense_encoder.dilated_dense.norm4.bias",
            "dense_encoder.dilated_dense.prelu4.weight", "dense_encoder.conv_2.0.bias",
            "TSCB_1.time_conformer.ff1.fn.norm.weight", "TSCB_1.time_conformer.ff1.fn.fn.net.0.weight",
            "TSCB_1.time_conformer.ff1.fn.fn.net.3.bias", "TSCB_1.time_conformer.attn.norm.weight",
            "TSCB_1.time_conformer.attn.fn.to_q.weight", "TSCB_1.time_conformer.attn.fn.to_kv.weight",
            "TSCB_1.time_conformer.attn.fn.to_out.bias", "TSCB_1.time_conformer.attn.fn.rel_pos_emb.weight",
            "TSCB_1.time_conformer.conv.net.0.weight", "TSCB_1.time_conformer.conv.net.2.weight",
            "TSCB_1.time_conformer.conv.net.4.conv.weight", "TSCB_1.time_conformer.conv.net.5.running_mean",
            "TSCB_1.time_conformer.conv.net.5.running_var", "TSCB_1.time_conformer.conv.net.7.bias",
            "TSCB_4.freq_conformer.ff2.fn.fn.net.3.weight", "TSCB_4.freq_conformer.post_norm.bias",
            "mask_decoder.dense_block.conv4.weight", "mask_decoder.sub_pixel.conv.weight", "mask_decoder.conv_1.weight",
            "mask_decoder.norm.weight", "mask_decoder.prelu.weight", "mask_decoder.final_conv.weight",
            "mask_decoder.prelu_out.weight", "complex_decoder.dense_block.prelu1.weight",
            "complex_decoder.sub_pixel.conv.bias", "complex_decoder.prelu.weight", "complex_decoder.norm.bias",
            "complex_decoder.conv.weight",
        ];
        foreach (var name in expected)
        {
            Assert.Contains(name, names);
        }

        Assert.DoesNotContain(names, n => n.StartsWith("TSCB_5", StringComparison.Ordinal));
    }

    [Fact]
    public void The_mask_prelu_starts_at_minus_a_quarter_per_frequency_bin()
    {
        using var generator = new CmganGenerator(ModelPresets.Cmgan.Generator);
        var slopes = generator.state_dict()["mask_decoder.prelu_out.weight"];

        Assert.Equal([201L], slopes.shape);
        Assert.True(slopes.EqScalar(-0.25f).all().ToBooleanValue());
    }

    [Fact]
    public void A_wrongly_shaped_input_is_rejected_with_the_expected_shape()
    {
        using var generator = new CmganGenerator(TestConfigs.Generator);
        using var scope = NewDisposeScope();
        var transposed = randn(1, 2, TestConfigs.Generator.FrequencyBins, Frames); // [B, 2, F, T]: the trainer's layout

        var error = Assert.Throws<ArgumentException>(() => generator.call(transposed));

        Assert.Contains($"[B, 2, T, {TestConfigs.Generator.FrequencyBins}]", error.Message, StringComparison.Ordinal);
    }
}
