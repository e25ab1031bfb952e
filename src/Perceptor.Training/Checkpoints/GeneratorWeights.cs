using Perceptor.Models;
using Perceptor.Training.Networks;
using static TorchSharp.torch;

namespace Perceptor.Training.Checkpoints;

/// <summary>Builds the networks for a generator state dict read from a PyTorch or safetensors file.</summary>
internal static class GeneratorWeights
{
    /// <summary>
    /// The generator of <paramref name="path"/> at the size its shapes describe (dropout rates from
    /// <paramref name="template"/>), with a fresh discriminator of <paramref name="discriminator"/>'s size.
    /// </summary>
    public static TrainingModels Load(string path, Device device, GeneratorConfig? template = null, DiscriminatorConfig? discriminator = null)
    {
        using var weights = StateDictFiles.Read(path, ModelPart.Generator);
        var config = weights.StoredPreset?.Generator ?? StateDictFiles.InferGenerator(weights, template);
        var models = TrainingModels.Create(new ModelPreset("imported", config, discriminator ?? new DiscriminatorConfig()), device);
        try
        {
            weights.LoadInto(models.Generator);
        }
        catch
        {
            models.Dispose();
            throw;
        }

        return models;
    }
}
