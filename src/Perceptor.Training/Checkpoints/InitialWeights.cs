using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Perceptor.Models;
using Perceptor.Training.Config;
using Perceptor.Training.Networks;
using Perceptor.Training.Run;

namespace Perceptor.Training.Checkpoints;

/// <summary>
/// Starting weights for fine-tuning (<c>model.initGenerator</c>, <c>model.initDiscriminator</c>): the sizes the files
/// describe, the weights copied into fresh networks, and a record of where they came from for <c>env.json</c>.
/// Optimisers, the schedule and the epoch start fresh; only the weights are taken.
/// </summary>
internal static class InitialWeights
{
    /// <summary>
    /// <paramref name="configured"/> with the generator (and discriminator) sizes of the initial weights; dropout and
    /// the other settings that leave no trace in the weights stay the configured ones.
    /// </summary>
    public static ModelPreset Resolve(ModelPreset configured, ModelSection model)
    {
        if (model.InitGenerator is null && model.InitDiscriminator is null)
        {
            return configured;
        }

        var generator = configured.Generator;
        var discriminator = configured.Discriminator;
        if (model.InitGenerator is { } g)
        {
            using var weights = StateDictFiles.Read(g, ModelPart.Generator);
            var inferred = StateDictFiles.InferGenerator(weights, configured.Generator);
            generator = weights.StoredPreset is { } stored
                ? stored.Generator with { AttentionDropout = generator.AttentionDropout, FeedForwardDropout = generator.FeedForwardDropout, ConvDropout = generator.ConvDropout }
                : inferred;
        }

        if (model.InitDiscriminator is { } d)
        {
            using var weights = StateDictFiles.Read(d, ModelPart.Discriminator);
            discriminator = StateDictFiles.InferDiscriminator(weights, configured.Discriminator);
        }

        return new ModelPreset(configured.Name + "+init", generator, discriminator);
    }

    /// <summary>Copies the initial weights into <paramref name="models"/>; returns what was loaded, for env.json.</summary>
    public static JsonObject? Load(TrainingModels models, ModelSection model)
    {
        if (model.InitGenerator is null && model.InitDiscriminator is null)
        {
            return null;
        }

        var record = new JsonObject();
        if (model.InitGenerator is { } g)
        {
            record["generator"] = LoadPart(models.Generator, g, ModelPart.Generator);
        }

        if (model.InitDiscriminator is { } d)
        {
            record["discriminator"] = LoadPart(models.Discriminator, d, ModelPart.Discriminator);
        }
        else
        {
            record["discriminator"] = "fresh";
        }

        return record;
    }

    /// <summary>Adds <paramref name="record"/> to the run's env.json as <c>initialWeights</c> (nothing when null).</summary>
    public static void Record(string envPath, JsonObject? record)
    {
        if (record is null)
        {
            return;
        }

        var env = JsonNode.Parse(File.ReadAllText(envPath))?.AsObject() ?? new JsonObject();
        env["initialWeights"] = record;
        RunFolder.WriteTextAtomic(envPath, env.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonObject LoadPart(TorchSharp.torch.nn.Module module, string path, ModelPart part)
    {
        using var weights = StateDictFiles.Read(path, part);
        weights.LoadInto(module);
        string sha;
        using (var stream = File.OpenRead(path))
        {
            sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        return new JsonObject
        {
            ["path"] = Path.GetFullPath(path),
            ["format"] = weights.Format.ToString(),
            ["origin"] = weights.Origin,
            ["tensors"] = weights.Tensors.Count,
            ["sha256"] = sha,
        };
    }
}
