using System.Collections;
using Perceptor.Models;
using Perceptor.Models.Weights;
using Perceptor.Audio.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Training.Checkpoints;

/// <summary>
/// Reads one network's state dict from a Perceptor checkpoint, a PyTorch <c>torch.save</c> file or a safetensors
/// file, and writes state dicts as PyTorch or safetensors files.
/// </summary>
/// <remarks>
/// A PyTorch file may hold the state dict itself (the reference trainer's format), or a dict that wraps it under a
/// key (<c>model</c>, <c>state_dict</c>, <c>generator</c>, <c>gen</c>, <c>discriminator</c>, …; the part's own keys
/// are tried first, and a wrapper never holds the other part's anchor). Keys may carry a prefix such as DDP's
/// <c>module.</c>. The state dict is found by its anchor key, the first weight of the network
/// (<c>dense_encoder.conv_1.0.weight</c> or <c>layers.0.weight_orig</c>), and the key and prefix used are reported
/// in <see cref="StateDict.Origin"/>; everything else in the file is ignored.
/// </remarks>
public static class StateDictFiles
{
    private const string GeneratorAnchor = "dense_encoder.conv_1.0.weight";
    private const string DiscriminatorAnchor = "layers.0.weight_orig";
    private const int MaxDepth = 3;

    private static readonly string[] GeneratorKeys = ["generator", "gen", "generator_state_dict", "gen_state_dict", "netG", "model_g", "G"];
    private static readonly string[] DiscriminatorKeys = ["discriminator", "disc", "discriminator_state_dict", "disc_state_dict", "netD", "model_d", "D"];
    private static readonly string[] CommonKeys = ["state_dict", "model_state_dict", "model", "module", "net", "network", "weights", "params"];

    /// <summary>The anchor key that identifies <paramref name="part"/>'s state dict.</summary>
    public static string Anchor(ModelPart part) => part == ModelPart.Generator ? GeneratorAnchor : DiscriminatorAnchor;

    /// <summary>
    /// Reads <paramref name="part"/>'s state dict from <paramref name="path"/> (format from the file's first bytes);
    /// throws <see cref="CheckpointException"/> naming the file and the problem.
    /// </summary>
    public static StateDict Read(string path, ModelPart part)
    {
        ArgumentNullException.ThrowIfNull(path);
        var format = WeightsFormats.Detect(path);
        switch (format)
        {
            case WeightsFormat.Perceptor:
                return ReadPerceptor(path, part);
            case WeightsFormat.Safetensors:
            {
                var tensors = SafetensorsWeights.Read(path);
                return Select(path, format, tensors, part);
            }

            default:
            {
                object? root = PyTorchPickle.Read(path);
                if (root is not IDictionary dict)
                {
                    PyTorchPickle.DisposeTensors(root);
                    throw new CheckpointException(path, $"holds a {Describe(root)}, not a dict of tensors (a state dict)");
                }

                return Select(path, format, dict, part);
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="entries"/> in order as a <paramref name="format"/> file (PyTorch or safetensors), through
    /// a temporary file renamed over <paramref name="path"/> only when complete.
    /// </summary>
    public static void Write(string path, WeightsFormat format, IEnumerable<KeyValuePair<string, Tensor>> entries)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(entries);
        byte[] bytes = format switch
        {
            WeightsFormat.PyTorch => PyTorchPickle.Write(entries),
            WeightsFormat.Safetensors => SafetensorsWeights.Write(entries),
            _ => throw new ArgumentException("a Perceptor checkpoint holds more than a state dict; use the checkpoint writer", nameof(format)),
        };
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>The generator size <paramref name="stateDict"/> describes (dropout rates from <paramref name="template"/>).</summary>
    public static GeneratorConfig InferGenerator(StateDict stateDict, GeneratorConfig? template = null)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        try
        {
            return ModelShapes.InferGenerator(stateDict.Shapes, template);
        }
        catch (StateDictMismatchException e)
        {
            throw new CheckpointException(stateDict.Path, $"not a CMGAN generator state dict: {e.Message}", e);
        }
    }

    /// <summary>The discriminator size <paramref name="stateDict"/> describes.</summary>
    public static DiscriminatorConfig InferDiscriminator(StateDict stateDict, DiscriminatorConfig? template = null)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        try
        {
            return ModelShapes.InferDiscriminator(stateDict.Shapes, template);
        }
        catch (StateDictMismatchException e)
        {
            throw new CheckpointException(stateDict.Path, $"not a CMGAN discriminator state dict: {e.Message}", e);
        }
    }

    private static StateDict ReadPerceptor(string path, ModelPart part)
    {
        var checkpoint = CheckpointFile.Read(path);
        nn.Module module = part == ModelPart.Generator
            ? new CmganGenerator(checkpoint.Preset.Generator)
            : new MetricDiscriminator(checkpoint.Preset.Discriminator);
        using (module)
        {
            if (part == ModelPart.Generator)
            {
                checkpoint.LoadGenerator(module);
            }
            else
            {
                checkpoint.LoadDiscriminator(module);
            }

            var copies = module.state_dict().Select(p => KeyValuePair.Create(p.Key, p.Value.detach().clone())).ToList();
            return new StateDict(path, WeightsFormat.Perceptor, copies, $"the {part.ToString().ToLowerInvariant()} of a Perceptor checkpoint")
            {
                StoredPreset = checkpoint.Preset,
            };
        }
    }

    private static StateDict Select(string path, WeightsFormat format, IDictionary root, ModelPart part)
    {
        var found = Find(root, part, "", 0);
        if (found is null)
        {
            // Nothing holds the anchor: let the shape inference name the first key it misses in the best candidate.
            var candidate = Tensors(root);
            PyTorchPickle.DisposeTensors(root);
            string sample = candidate.Count == 0
                ? "it holds no tensors at the top level (keys: " + string.Join(", ", root.Keys.Cast<object>().Take(8)) + ")"
                : $"it holds {candidate.Count} tensors such as '{candidate.Keys.Order(StringComparer.Ordinal).First()}'";
            throw new CheckpointException(path,
                $"not a CMGAN {part.ToString().ToLowerInvariant()} state dict: '{Anchor(part)}' is missing (expected {ExpectedAnchorShape(part)}); {sample}");
        }

        var (tensors, prefix, where) = found.Value;
        var selected = tensors
            .Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => KeyValuePair.Create(p.Key[prefix.Length..], p.Value))
            .ToList();
        PyTorchPickle.DisposeTensors(root, selected.Select(p => p.Value).ToHashSet<Tensor>(ReferenceEqualityComparer.Instance));
        string origin = (where.Length == 0 ? "the top-level dict" : where)
            + (prefix.Length > 0 ? $", prefix '{prefix}' removed" : "");
        return new StateDict(path, format, selected, origin);
    }

    private static (Dictionary<string, Tensor> Tensors, string Prefix, string Where)? Find(IDictionary dict, ModelPart part, string where, int depth)
    {
        var tensors = Tensors(dict);
        string? prefix = AnchorPrefix(tensors.Keys, part);
        if (prefix is not null)
        {
            return (tensors, prefix, where);
        }

        if (depth >= MaxDepth)
        {
            return null;
        }

        var own = part == ModelPart.Generator ? GeneratorKeys : DiscriminatorKeys;
        var other = part == ModelPart.Generator ? DiscriminatorKeys : GeneratorKeys;
        var keys = dict.Keys.OfType<string>().ToList();
        var ordered = own.Concat(CommonKeys).Where(keys.Contains)
            .Concat(keys.Where(k => !own.Contains(k) && !CommonKeys.Contains(k) && !other.Contains(k)));
        foreach (string key in ordered)
        {
            if (dict[key] is IDictionary inner)
            {
                string at = where.Length == 0 ? $"under key '{key}'" : $"{where} → '{key}'";
                var hit = Find(inner, part, at, depth + 1);
                if (hit is not null)
                {
                    return hit;
                }
            }
        }

        return null;
    }

    private static Dictionary<string, Tensor> Tensors(IDictionary dict)
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in dict)
        {
            if (e.Key is string name && e.Value is Tensor t)
            {
                result[name] = t;
            }
        }

        return result;
    }

    private static string? AnchorPrefix(IEnumerable<string> keys, ModelPart part)
    {
        string anchor = Anchor(part);
        var prefixes = keys.Where(k => k.EndsWith(anchor, StringComparison.Ordinal)).Select(k => k[..^anchor.Length])
            .Where(p => p.Length == 0 || p.EndsWith('.')).Order(StringComparer.Ordinal).ToList();
        return prefixes.Count == 0 ? null : prefixes[0];
    }

    private static string ExpectedAnchorShape(ModelPart part) =>
        part == ModelPart.Generator ? "[C, 3, 1, 1], the encoder's first convolution" : "[base width, 2, 4, 4], the first spectrally normalised convolution";

    private static string Describe(object? value) => value switch
    {
        null => "None",
        Tensor => "single tensor",
        IEnumerable and not string => "list or tuple",
        _ => value.GetType().Name,
    };
}
