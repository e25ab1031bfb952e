using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Models.Weights;

/// <summary>
/// Reads a model's size from the tensor shapes of a state dict (a PyTorch checkpoint carries weights, not the
/// arguments it was built with), and checks a state dict against the network that size builds: every key the
/// network has, nothing else, every shape equal.
/// </summary>
/// <remarks>
/// What the shapes give: channels C (the encoder's first 1×1 convolution, [C, 3, 1, 1]), the dense depth (how many
/// <c>dilated_dense.conv{i}</c> exist), the TS-Conformer blocks (how many <c>TSCB_{n}</c>), the attention head size
/// and the relative-position range (the embedding table, [2·P + 1, head size]), the head count (the query
/// projection's rows ÷ head size; the reference uses 4 heads of C / 4), the feed-forward and convolution widths, the
/// depthwise kernel, the frequency bins and which mask activation the decoder ends in. Dropout rates leave no trace
/// in the weights and come from the template.
/// </remarks>
public static class ModelShapes
{
    private const string Encoder = "dense_encoder.conv_1.0.weight";
    private const string DiscFirst = "layers.0.weight_orig";

    /// <summary>The generator size the shapes describe; throws <see cref="StateDictMismatchException"/> when a key
    /// the inference needs is missing or has an impossible shape.</summary>
    public static GeneratorConfig InferGenerator(IReadOnlyDictionary<string, long[]> shapes, GeneratorConfig? template = null)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        var config = template ?? new GeneratorConfig();
        long channels = Dim(shapes, Encoder, 0, "[C, 3, 1, 1] (the encoder's first convolution; is this a CMGAN generator?)", 4);
        int depth = 0;
        while (shapes.ContainsKey($"dense_encoder.dilated_dense.conv{depth + 1}.weight"))
        {
            depth++;
        }

        if (depth == 0)
        {
            throw new StateDictMismatchException("dense_encoder.dilated_dense.conv1.weight", $"is missing (expected [{channels}, {channels}, 2, 3])");
        }

        int blocks = 0;
        while (shapes.Keys.Any(k => k.StartsWith($"TSCB_{blocks + 1}.", StringComparison.Ordinal)))
        {
            blocks++;
        }

        config = config with { Channels = checked((int)channels), DenseDepth = depth, ConformerBlocks = blocks };
        if (blocks > 0)
        {
            const string prefix = "TSCB_1.time_conformer.";
            long[] rel = Shape(shapes, prefix + "attn.fn.rel_pos_emb.weight", "[2·P + 1, head size]", 2);
            long inner = Dim(shapes, prefix + "attn.fn.to_q.weight", 0, $"[heads × head size, {channels}]", 2);
            long hidden = Dim(shapes, prefix + "ff1.fn.fn.net.0.weight", 0, $"[{channels} × multiplier, {channels}]", 2);
            long[] depthwise = Shape(shapes, prefix + "conv.net.4.conv.weight", $"[{channels} × expansion, 1, kernel]", 3);
            if (rel[1] < 1 || inner % rel[1] != 0 || rel[0] % 2 != 1 || hidden % channels != 0 || depthwise[0] % channels != 0)
            {
                throw new StateDictMismatchException(prefix + "attn.fn.to_q.weight",
                    $"has widths that do not fit together (query rows {inner}, head size {rel[1]}, feed-forward {hidden}, depthwise {depthwise[0]} for {channels} channels)");
            }

            config = config with
            {
                AttentionHeadDim = checked((int)rel[1]),
                AttentionHeads = checked((int)(inner / rel[1])),
                MaxRelativePosition = checked((int)((rel[0] - 1) / 2)),
                FeedForwardMultiplier = checked((int)(hidden / channels)),
                ConvExpansion = checked((int)(depthwise[0] / channels)),
                ConvKernelSize = checked((int)depthwise[2]),
            };
        }

        if (shapes.TryGetValue("mask_decoder.lsigmoid.slope", out var slope))
        {
            config = config with { MaskActivation = MaskActivation.LearnableSigmoid, FrequencyBins = checked((int)slope[0]) };
        }
        else
        {
            long bins = Dim(shapes, "mask_decoder.prelu_out.weight", 0, "[F] (one mask slope per frequency bin)", 1);
            config = config with { MaskActivation = MaskActivation.Prelu, FrequencyBins = checked((int)bins) };
        }

        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new StateDictMismatchException(Encoder, $"gives a size that cannot be built ({e.Message})");
        }

        return config;
    }

    /// <summary>The discriminator size the shapes describe (base width and stage count; dropout, power iterations
    /// and the sigmoid ceiling come from the template).</summary>
    public static DiscriminatorConfig InferDiscriminator(IReadOnlyDictionary<string, long[]> shapes, DiscriminatorConfig? template = null)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        var config = template ?? new DiscriminatorConfig();
        long width = Dim(shapes, DiscFirst, 0, "[base width, 2, 4, 4] (the first spectrally normalised convolution; is this a CMGAN discriminator?)", 4);
        int stages = 0;
        while (shapes.TryGetValue($"layers.{3 * stages}.weight_orig", out var s) && s.Length == 4)
        {
            stages++;
        }

        config = config with { BaseChannels = checked((int)width), ConvStages = stages };
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new StateDictMismatchException(DiscFirst, $"gives a size that cannot be built ({e.Message})");
        }

        return config;
    }

    /// <summary>
    /// Checks <paramref name="shapes"/> (and element types) against <paramref name="module"/>'s state dict: throws
    /// <see cref="StateDictMismatchException"/> for the first key of the module that is missing or has another shape
    /// or type, then for the first key the module does not have.
    /// </summary>
    public static void Check(nn.Module module, IReadOnlyDictionary<string, (long[] Shape, ScalarType Type)> shapes)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(shapes);
        var expected = module.state_dict();
        foreach (var (key, tensor) in expected)
        {
            if (!shapes.TryGetValue(key, out var found))
            {
                throw new StateDictMismatchException(key, $"is missing (expected {Format(tensor.shape)}, {tensor.dtype})");
            }

            if (!found.Shape.SequenceEqual(tensor.shape))
            {
                throw new StateDictMismatchException(key, $"has shape {Format(found.Shape)}, expected {Format(tensor.shape)}");
            }

            if (found.Type != tensor.dtype && !(is_floating_point(tensor) && IsFloating(found.Type)))
            {
                throw new StateDictMismatchException(key, $"holds {found.Type}, expected {tensor.dtype}");
            }
        }

        foreach (string key in shapes.Keys.Order(StringComparer.Ordinal))
        {
            if (!expected.ContainsKey(key))
            {
                throw new StateDictMismatchException(key, "is unexpected (the network has no such parameter or buffer)");
            }
        }
    }

    /// <summary>A shape as <c>[a, b, c]</c>.</summary>
    public static string Format(IEnumerable<long> shape) => "[" + string.Join(", ", shape) + "]";

    private static bool IsFloating(ScalarType type) =>
        type is ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64;

    private static long[] Shape(IReadOnlyDictionary<string, long[]> shapes, string key, string expected, int rank)
    {
        if (!shapes.TryGetValue(key, out var shape))
        {
            throw new StateDictMismatchException(key, $"is missing (expected {expected})");
        }

        if (shape.Length != rank || shape.Any(d => d < 1))
        {
            throw new StateDictMismatchException(key, $"has shape {Format(shape)}, expected {expected}");
        }

        return shape;
    }

    private static long Dim(IReadOnlyDictionary<string, long[]> shapes, string key, int dim, string expected, int rank) =>
        Shape(shapes, key, expected, rank)[dim];
}
