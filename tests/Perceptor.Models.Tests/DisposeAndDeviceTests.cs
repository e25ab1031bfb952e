using TorchSharp;
using static Perceptor.Models.Tests.TensorAssert;
using static TorchSharp.torch;

namespace Perceptor.Models.Tests;

[Collection(TorchCollection.Name)]
public class DisposeAndDeviceTests
{
    [Fact]
    public void A_training_step_inside_a_dispose_scope_leaves_no_live_tensors()
    {
        using var generator = new CmganGenerator(TestConfigs.Generator);
        using var discriminator = new MetricDiscriminator(TestConfigs.Discriminator);
        using var frontEnd = new SpectralFrontEnd(nFft: 64, hop: 16);
        using var clean = randn(2, 320);
        using var noisy = randn(2, 320);

        Step(); // first use may create lazily cached tensors
        long baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        Step();
        Step();

        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);

        void Step()
        {
            using var scope = NewDisposeScope();
            var c = frontEnd.NormalisationFactor(noisy);
            var (noisyReal, noisyImag) = frontEnd.Compress(frontEnd.Stft(noisy * c));
            var (cleanReal, cleanImag) = frontEnd.Compress(frontEnd.Stft(clean * c));
            var input = stack([noisyReal, noisyImag], 1).transpose(2, 3); // [B, 2, T, F]
            var (real, imag) = generator.call(input);
            var estReal = real.transpose(2, 3).squeeze(1); // [B, F, T]
            var estImag = imag.transpose(2, 3).squeeze(1);
            var estMag = estReal.Squared().Plus(estImag.Squared()).sqrt().unsqueeze(1); // [B, 1, F, T]
            var cleanMag = cleanReal.Squared().Plus(cleanImag.Squared()).sqrt().unsqueeze(1);
            var audio = frontEnd.Istft(frontEnd.Decompress(estReal, estImag));
            var loss = (estReal - cleanReal).Squared().mean().Plus((audio - clean * c).abs().mean())
                .Plus(discriminator.call(cleanMag, estMag).SubScalar(1).Squared().mean());
            loss.backward();
            var lossD = discriminator.call(cleanMag, cleanMag).SubScalar(1).Squared().mean()
                .Plus(discriminator.call(cleanMag, estMag.detach()).SubScalar(0.5).Squared().mean());
            lossD.backward();
            generator.zero_grad();
            discriminator.zero_grad();
        }
    }

    [Fact]
    public void Modules_follow_a_move_of_their_parameters_and_buffers()
    {
        // No GPU here: a dtype move goes through the same path as a device move (parameters and the
        // power-iteration buffers are replaced and the fields rebound), so it checks that path.
        using var generator = new CmganGenerator(TestConfigs.Generator);
        using var discriminator = new MetricDiscriminator(TestConfigs.Discriminator);
        generator.to(CPU).to(ScalarType.Float64);
        discriminator.to(CPU).to(ScalarType.Float64);
        using var scope = NewDisposeScope();

        var (real, _) = generator.call(randn(1, 2, 9, TestConfigs.Generator.FrequencyBins, dtype: ScalarType.Float64));
        var score = discriminator.call(rand(1, 1, 33, 20, dtype: ScalarType.Float64), rand(1, 1, 33, 20, dtype: ScalarType.Float64));
        score.sum().backward();

        Assert.Equal(ScalarType.Float64, real.dtype);
        Assert.Equal(ScalarType.Float64, score.dtype);
        foreach (var layer in discriminator.SpectralNormLayers)
        {
            Assert.Equal(ScalarType.Float64, layer.WeightU.dtype);
            Assert.Equal(ScalarType.Float64, layer.WeightV.dtype);
            Assert.Equal(ScalarType.Float64, layer.WeightOrig.dtype);
            Assert.NotNull(layer.WeightOrig.grad);
        }

        Assert.All(generator.parameters(), p => Assert.Equal(DeviceType.CPU, p.device_type));
    }

    [Fact]
    public void Saved_weights_load_into_a_fresh_model_and_reproduce_its_output()
    {
        string path = Path.Combine(Path.GetTempPath(), $"perceptor-models-{Guid.NewGuid():N}.bin");
        try
        {
            using var generator = new CmganGenerator(TestConfigs.Generator);
            using var discriminator = new MetricDiscriminator(TestConfigs.Discriminator);
            using var scope = NewDisposeScope();
            var input = randn(1, 2, 9, TestConfigs.Generator.FrequencyBins);
            var clean = rand(1, 1, 33, 20);
            discriminator.call(clean, clean); // advance u and v so the buffers differ from a fresh model's
            generator.eval();
            discriminator.eval();
            generator.save(path + ".g");
            discriminator.save(path + ".d");

            using var generator2 = new CmganGenerator(TestConfigs.Generator);
            using var discriminator2 = new MetricDiscriminator(TestConfigs.Discriminator);
            generator2.load(path + ".g");
            discriminator2.load(path + ".d");
            generator2.eval();
            discriminator2.eval();

            Assert.True(Same(generator.call(input).Real, generator2.call(input).Real));
            Assert.True(Same(discriminator.call(clean, clean), discriminator2.call(clean, clean)));
        }
        finally
        {
            File.Delete(path + ".g");
            File.Delete(path + ".d");
        }
    }
}
