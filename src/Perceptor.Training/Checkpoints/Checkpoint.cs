using Perceptor.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Perceptor.Training.Checkpoints;

/// <summary>A checkpoint read from disk: its state and the serialised weights, optimisers and RNG state.</summary>
public sealed class Checkpoint
{
    private readonly IReadOnlyDictionary<string, byte[]> _sections;

    internal Checkpoint(string path, CheckpointState state, IReadOnlyDictionary<string, byte[]> sections)
    {
        Path = path;
        State = state;
        _sections = sections;
    }

    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    /// <summary>The self-describing state.</summary>
    public CheckpointState State { get; }

    /// <summary>The model sizes to rebuild the networks with.</summary>
    public ModelPreset Preset => State.ToPreset();

    /// <summary>Loads the generator weights into <paramref name="generator"/> (strict: every name and shape must match).</summary>
    public void LoadGenerator(nn.Module generator) => LoadModule(generator, CheckpointFile.GeneratorSection);

    /// <summary>Loads the discriminator weights into <paramref name="discriminator"/>.</summary>
    public void LoadDiscriminator(nn.Module discriminator) => LoadModule(discriminator, CheckpointFile.DiscriminatorSection);

    internal void LoadOptimizers(OptimizerHelper generator, OptimizerHelper discriminator)
    {
        LoadOptimizer(generator, CheckpointFile.GenOptimizerSection);
        LoadOptimizer(discriminator, CheckpointFile.DiscOptimizerSection);
    }

    internal void RestoreRng()
    {
        using var state = tensor(Section(CheckpointFile.RngSection), dtype: ScalarType.Byte);
        random.set_rng_state(state);
    }

    private void LoadModule(nn.Module module, string name)
    {
        try
        {
            using var stream = new MemoryStream(Section(name), writable: false);
            module.load(stream, strict: true);
        }
        catch (Exception e) when (e is not CheckpointException)
        {
            throw new CheckpointException(Path, $"the {name} weights do not fit the model described in the file ({e.Message})", e);
        }
    }

    private void LoadOptimizer(OptimizerHelper optimizer, string name)
    {
        try
        {
            using var stream = new MemoryStream(Section(name), writable: false);
            using var reader = new BinaryReader(stream);
            optimizer.load_state_dict(reader);
        }
        catch (Exception e) when (e is not CheckpointException)
        {
            throw new CheckpointException(Path, $"the {name} state does not fit the optimiser ({e.Message})", e);
        }
    }

    private byte[] Section(string name) =>
        _sections.TryGetValue(name, out var bytes) ? bytes : throw new CheckpointException(Path, $"no '{name}' section");
}
