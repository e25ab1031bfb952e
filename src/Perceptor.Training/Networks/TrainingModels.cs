using Perceptor.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Training.Networks;

/// <summary>The two networks, their signal path and the device they live on.</summary>
internal sealed class TrainingModels : IDisposable
{
    public TrainingModels(ModelPreset preset, nn.Module<Tensor, (Tensor Real, Tensor Imag)> generator,
        nn.Module<Tensor, Tensor, Tensor> discriminator, ISpectralPath path, Device device)
    {
        Preset = preset;
        Generator = generator;
        Discriminator = discriminator;
        Path = path;
        Device = device;
    }

    public ModelPreset Preset { get; }

    public nn.Module<Tensor, (Tensor Real, Tensor Imag)> Generator { get; }

    public nn.Module<Tensor, Tensor, Tensor> Discriminator { get; }

    public ISpectralPath Path { get; }

    public Device Device { get; }

    /// <summary>The delivered models: <see cref="CmganGenerator"/>, <see cref="MetricDiscriminator"/>, <see cref="SpectralFrontEnd"/>.</summary>
    public static TrainingModels Create(ModelPreset preset, Device device)
    {
        var generator = new CmganGenerator(preset.Generator);
        var discriminator = new MetricDiscriminator(preset.Discriminator);
        generator.to(device);
        discriminator.to(device);
        return new TrainingModels(preset, generator, discriminator, new FrontEndSpectralPath(new SpectralFrontEnd(device)), device);
    }

    public void Dispose()
    {
        Generator.Dispose();
        Discriminator.Dispose();
        Path.Dispose();
    }
}
