using Perceptor.Models.Weights;
using static TorchSharp.torch;

namespace Perceptor.Training.Checkpoints;

/// <summary>
/// Named tensors of one network read from a file (CPU tensors it owns and disposes), with where in the file they
/// came from.
/// </summary>
public sealed class StateDict : IDisposable
{
    private readonly Dictionary<string, Tensor> _tensors;

    internal StateDict(string path, WeightsFormat format, IEnumerable<KeyValuePair<string, Tensor>> tensors, string origin)
    {
        Path = path;
        Format = format;
        Origin = origin;
        _tensors = new Dictionary<string, Tensor>(tensors, StringComparer.Ordinal);
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Its format.</summary>
    public WeightsFormat Format { get; }

    /// <summary>Where the state dict sat in the file, e.g. <c>under key 'model', prefix 'module.' removed</c>.</summary>
    public string Origin { get; }

    /// <summary>The sizes a Perceptor checkpoint records for its networks; null for foreign files, whose sizes are
    /// inferred from the shapes.</summary>
    public Perceptor.Models.ModelPreset? StoredPreset { get; init; }

    /// <summary>The names, in file order where the format keeps one.</summary>
    public IReadOnlyCollection<string> Keys => _tensors.Keys;

    /// <summary>The tensors by name.</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors => _tensors;

    /// <summary>Every shape by name.</summary>
    public IReadOnlyDictionary<string, long[]> Shapes => _tensors.ToDictionary(p => p.Key, p => p.Value.shape, StringComparer.Ordinal);

    /// <summary>
    /// Copies every tensor into <paramref name="module"/>'s parameters and buffers after checking that the names,
    /// shapes and element types are exactly the module's; throws <see cref="CheckpointException"/> naming the file
    /// and the first key that does not fit (nothing is copied then).
    /// </summary>
    public void LoadInto(TorchSharp.torch.nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        try
        {
            ModelShapes.Check(module, _tensors.ToDictionary(p => p.Key, p => (p.Value.shape, p.Value.dtype), StringComparer.Ordinal));
        }
        catch (StateDictMismatchException e)
        {
            throw new CheckpointException(Path, $"does not fit the network: {e.Message}", e);
        }

        using var noGrad = no_grad();
        foreach (var (name, target) in module.state_dict())
        {
            target.copy_(_tensors[name]);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var tensor in _tensors.Values)
        {
            tensor.Dispose();
        }

        _tensors.Clear();
    }
}
