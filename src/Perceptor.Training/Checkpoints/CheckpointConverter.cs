using Perceptor.Models;
using Perceptor.Training.Config;
using Perceptor.Training.Networks;
using Perceptor.Training.Step;
using static TorchSharp.torch;

namespace Perceptor.Training.Checkpoints;

/// <summary>
/// Converts weights between Perceptor checkpoints (.ckpt), PyTorch state dicts (.pt/.pth) and safetensors: the
/// input's format from its first bytes, the output's from its extension. Every state dict is checked against the
/// network its shapes describe before anything is written, and written in that network's order with exactly its
/// keys (the reference's names, parameters and buffers), so the authors' code loads a written .pt with
/// <c>strict=True</c>. Nothing is written when the input does not fit; the output appears whole or not at all.
/// </summary>
public static class CheckpointConverter
{
    /// <summary>Converts <paramref name="input"/> to <paramref name="output"/>; throws <see cref="CheckpointException"/>
    /// naming the file and the problem.</summary>
    public static ConvertSummary Convert(string input, string output, ModelPart part = ModelPart.Generator)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var outFormat = WeightsFormats.FromExtension(output);
        if (string.Equals(Path.GetFullPath(input), Path.GetFullPath(output), StringComparison.Ordinal))
        {
            throw new CheckpointException(output, "is the input file; write the conversion to another path");
        }

        var inFormat = WeightsFormats.Detect(input);
        return outFormat == WeightsFormat.Perceptor
            ? ToPerceptor(input, inFormat, output, part)
            : ToStateDict(input, inFormat, output, outFormat, part);
    }

    /// <summary>A one-line description of a generator's size.</summary>
    public static string Describe(GeneratorConfig g)
    {
        ArgumentNullException.ThrowIfNull(g);
        return $"{g.Channels} channels, {g.ConformerBlocks} TS-Conformer blocks, dense depth {g.DenseDepth}, {g.AttentionHeads} heads × {g.AttentionHeadDim}";
    }

    /// <summary>A one-line description of a discriminator's size.</summary>
    public static string Describe(DiscriminatorConfig d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return $"base width {d.BaseChannels}, {d.ConvStages} convolution stages";
    }

    /// <summary>
    /// Reads <paramref name="part"/> from <paramref name="path"/> and builds the network its shapes (or, for a Perceptor
    /// checkpoint, its recorded sizes) describe, with the weights loaded; the caller owns the module.
    /// </summary>
    public static nn.Module ReadNetwork(string path, ModelPart part, out StateDictInfo info)
    {
        using var weights = StateDictFiles.Read(path, part);
        nn.Module module;
        string size;
        if (part == ModelPart.Generator)
        {
            var config = weights.StoredPreset?.Generator ?? StateDictFiles.InferGenerator(weights);
            module = new CmganGenerator(config);
            size = Describe(config);
        }
        else
        {
            var config = weights.StoredPreset?.Discriminator ?? StateDictFiles.InferDiscriminator(weights);
            module = new MetricDiscriminator(config);
            size = Describe(config);
        }

        try
        {
            weights.LoadInto(module);
        }
        catch
        {
            module.Dispose();
            throw;
        }

        info = new StateDictInfo(weights.Format, weights.Origin, weights.Tensors.Count, size);
        return module;
    }

    private static ConvertSummary ToStateDict(string input, WeightsFormat inFormat, string output, WeightsFormat outFormat, ModelPart part)
    {
        using var module = ReadNetwork(input, part, out var info);
        var entries = module.state_dict().ToList();
        StateDictFiles.Write(output, outFormat, entries);
        return new ConvertSummary(input, inFormat, output, outFormat, part, info.Origin, entries.Count, info.Size, []);
    }

    private static ConvertSummary ToPerceptor(string input, WeightsFormat inFormat, string output, ModelPart part)
    {
        if (part != ModelPart.Generator)
        {
            throw new CheckpointException(output, "a Perceptor checkpoint is made from a generator (with the input's discriminator when it has one); leave out --part discriminator");
        }

        var notes = new List<string>();
        var generator = (CmganGenerator)ReadNetwork(input, ModelPart.Generator, out var info); // owned by the models below
        MetricDiscriminator discriminator;
        try
        {
            discriminator = (MetricDiscriminator)ReadNetwork(input, ModelPart.Discriminator, out _);
            notes.Add("discriminator: from the input");
        }
        catch (CheckpointException)
        {
            // The reference trainer never saves its discriminator: a fresh one is the normal case.
            discriminator = new MetricDiscriminator(new DiscriminatorConfig());
            notes.Add("discriminator: none in the input, a fresh (untrained) one written");
        }

        var preset = new ModelPreset("imported", generator.Config, discriminator.Config);
        var config = ConfigLoader.Load("cmgan");
        using var models = new TrainingModels(preset, generator, discriminator, new FrontEndSpectralPath(new SpectralFrontEnd(CPU)), CPU);
        using var iteration = new MetricGanStep(models, config, PesqBatchScorers.Wideband(1));
        var state = new CheckpointState
        {
            Preset = preset.Name,
            Generator = preset.Generator,
            Discriminator = preset.Discriminator,
            Config = ConfigLoader.ToJson(config),
        };
        CheckpointFile.WriteAtomic(output, CheckpointFile.Serialize(state,
            TrainingSnapshot.Capture(models.Generator, models.Discriminator, iteration.GenOptimizer, iteration.DiscOptimizer)));
        notes.Add("optimisers: fresh; epoch 0");
        return new ConvertSummary(input, inFormat, output, WeightsFormat.Perceptor, ModelPart.Generator, info.Origin, info.Tensors, info.Size, notes);
    }
}
