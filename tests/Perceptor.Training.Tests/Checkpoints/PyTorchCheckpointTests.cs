using Perceptor.Audio;
using Perceptor.Models;
using Perceptor.Training.Checkpoints;
using Perceptor.Training.Enhance;
using Perceptor.Training.Networks;
using Perceptor.Training.Tests.Fakes;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Perceptor.Training.Tests.Checkpoints;

[Collection(TorchCollection.Name)]
public class PyTorchCheckpointTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("generator_seed0.pt", "seed0_p232_005.wav", "p232_005.wav")]
    [InlineData("generator_c16_seed3.pt", "c16_seed3_p232_005.wav", "p232_005.wav")]
    public void Enhancing_straight_from_a_pytorch_file_gives_the_reference_output(string checkpoint, string reference, string noisy)
    {
        using var enhancer = SpeechEnhancer.Load(ReferenceData.File(checkpoint));
        float[] enhanced = enhancer.Enhance(ReferenceData.Noisy(noisy));
        var expected = WavFile.Read(ReferenceData.File("enhanced", reference));

        var (relL2, maxAbs) = ReferenceData.Compare(enhanced, expected.Samples);
        output.WriteLine($"{checkpoint} on {noisy}: rel L2 {relL2:E2}, max abs {maxAbs:E2}");
        Assert.True(relL2 <= 1e-4, $"rel L2 {relL2:E3}");
        Assert.True(maxAbs <= 1e-4, $"max abs {maxAbs:E3}");
    }

    [Fact]
    public void The_size_comes_from_the_tensor_shapes()
    {
        using var c16 = StateDictFiles.Read(ReferenceData.File("generator_c16_seed3.pt"), ModelPart.Generator);
        var config = StateDictFiles.InferGenerator(c16);
        Assert.Equal(16, config.Channels);
        Assert.Equal(4, config.AttentionHeadDim); // the reference's head size, channels / 4
        Assert.Equal(4, config.AttentionHeads);
        Assert.Equal(new GeneratorConfig() with { Channels = 16, AttentionHeadDim = 4 }, config);

        using var seed0 = StateDictFiles.Read(ReferenceData.Generator, ModelPart.Generator);
        Assert.Equal(new GeneratorConfig(), StateDictFiles.InferGenerator(seed0));
        Assert.Equal(359, seed0.Tensors.Count);
        using var disc = StateDictFiles.Read(ReferenceData.Discriminator, ModelPart.Discriminator);
        Assert.Equal(new DiscriminatorConfig(), StateDictFiles.InferDiscriminator(disc));
        Assert.Equal(34, disc.Tensors.Count);
    }

    [Fact]
    public void A_wrapped_file_with_the_ddp_prefix_gives_the_same_tensors_and_says_where_they_were()
    {
        using var plain = StateDictFiles.Read(ReferenceData.Generator, ModelPart.Generator);
        using var wrapped = StateDictFiles.Read(ReferenceData.File("generator_seed0_ddp_wrapped.pt"), ModelPart.Generator);
        output.WriteLine(wrapped.Origin);
        Assert.Contains("'model'", wrapped.Origin);
        Assert.Contains("'module.'", wrapped.Origin);
        Assert.Equal(plain.Keys.Order(StringComparer.Ordinal), wrapped.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, tensor) in plain.Tensors)
        {
            Assert.True(ReferenceData.Same(tensor, wrapped.Tensors[key]), key);
        }
    }

    [Fact]
    public void The_discriminator_scores_the_reference_crop_like_pytorch()
    {
        var expected = ReferenceData.Expected().GetProperty("disc_eval_2s_crop");
        using var models = GeneratorWeights.Load(ReferenceData.Generator, CPU);
        using var disc = (MetricDiscriminator)CheckpointConverter.ReadNetwork(ReferenceData.Discriminator, ModelPart.Discriminator, out _);
        models.Generator.eval();
        disc.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var clean = tensor(ReferenceData.Clean("p232_005.wav").AsSpan(0, 32000).ToArray(), [1, 32000]);
        var noisy = tensor(ReferenceData.Noisy("p232_005.wav").AsSpan(0, 32000).ToArray(), [1, 32000]);
        var f = SpectralForward.Run(models, clean, noisy);
        double est = disc.forward(f.CleanMag, f.EstMag).ToDoubleValue();
        double max = disc.forward(f.CleanMag, f.CleanMag).ToDoubleValue();
        double estRef = expected.GetProperty("D_clean_est").GetDouble();
        double maxRef = expected.GetProperty("D_clean_clean").GetDouble();
        output.WriteLine($"D(clean, est) {est:F7} vs {estRef:F7} (diff {est - estRef:E2}); D(clean, clean) {max:F7} vs {maxRef:F7} (diff {max - maxRef:E2})");
        Assert.InRange(est - estRef, -1e-5, 1e-5);
        Assert.InRange(max - maxRef, -1e-5, 1e-5);
    }
}
