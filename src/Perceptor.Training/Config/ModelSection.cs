using System.ComponentModel;
using Perceptor.Models;

namespace Perceptor.Training.Config;

/// <summary>Model size: a preset, optionally with single sizes overridden.</summary>
public sealed record ModelSection
{
    /// <summary>Model preset (<c>cmgan</c> = the paper's 1.83 M-parameter generator; <c>small</c>, <c>tiny</c> for CPUs).</summary>
    [Description("model preset: cmgan (paper size), small, tiny")]
    public string Preset { get; init; } = "cmgan";

    /// <summary>Generator channels; null keeps the preset's.</summary>
    [Description("generator channels (null: the preset's)")]
    public int? Channels { get; init; }

    /// <summary>Number of TS-Conformer blocks; null keeps the preset's.</summary>
    [Description("TS-Conformer blocks (null: the preset's)")]
    public int? ConformerBlocks { get; init; }

    /// <summary>Layers per dilated dense block; null keeps the preset's.</summary>
    [Description("layers per dilated dense block (null: the preset's)")]
    public int? DenseDepth { get; init; }

    /// <summary>Discriminator base channels; null keeps the preset's.</summary>
    [Description("discriminator base channels (null: the preset's)")]
    public int? DiscChannels { get; init; }

    /// <summary>Dropout of the generator's conformers (attention output and feed-forward modules), as the reference's
    /// 0.2; 0 makes a training step deterministic.</summary>
    [Description("generator dropout in the conformers' attention and feed-forward modules (the reference's 0.2; 0 makes a step deterministic)")]
    public double Dropout { get; init; } = 0.2;

    /// <summary>Dropout in the discriminator's head, as the reference's 0.3.</summary>
    [Description("discriminator dropout between its two linear layers (the reference's 0.3)")]
    public double DiscDropout { get; init; } = 0.3;

    /// <summary>Generator weights to start from (a PyTorch, safetensors or Perceptor file; its size comes from the
    /// tensor shapes and replaces the preset's); null starts from a seeded initialisation.</summary>
    [Description("generator weights to fine-tune from (.pt/.pth/.safetensors/.ckpt; the size comes from the file); null: fresh")]
    public string? InitGenerator { get; init; }

    /// <summary>Discriminator weights to start from; null starts a fresh discriminator (the reference trainer never
    /// saves one, so that is the normal case).</summary>
    [Description("discriminator weights to start from (null: a fresh discriminator)")]
    public string? InitDiscriminator { get; init; }

    /// <summary>The preset with the overrides applied; throws naming the known presets for an unknown name.</summary>
    public ModelPreset Resolve()
    {
        var preset = ModelPresets.Get(Preset);
        var generator = preset.Generator with
        {
            Channels = Channels ?? preset.Generator.Channels,
            ConformerBlocks = ConformerBlocks ?? preset.Generator.ConformerBlocks,
            DenseDepth = DenseDepth ?? preset.Generator.DenseDepth,
            AttentionDropout = Dropout,
            FeedForwardDropout = Dropout,
        };
        var discriminator = preset.Discriminator with { BaseChannels = DiscChannels ?? preset.Discriminator.BaseChannels, Dropout = DiscDropout };
        bool custom = generator != preset.Generator || discriminator != preset.Discriminator;
        return new ModelPreset(custom ? preset.Name + "+custom" : preset.Name, generator, discriminator);
    }
}
