using System.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Perceptor.Training.Checkpoints;

/// <summary>
/// The serialised weights of both networks, both optimisers' state and the torch RNG state at one moment: what a
/// checkpoint stores besides its <see cref="CheckpointState"/>. Taken from the modules themselves, so writing a
/// checkpoint needs nothing of the training loop.
/// </summary>
/// <param name="Generator">Generator weights (TorchSharp module format).</param>
/// <param name="Discriminator">Discriminator weights.</param>
/// <param name="GenOptimizer">Generator optimiser state dict.</param>
/// <param name="DiscOptimizer">Discriminator optimiser state dict.</param>
/// <param name="Rng">Torch CPU RNG state.</param>
internal sealed record TrainingSnapshot(byte[] Generator, byte[] Discriminator, byte[] GenOptimizer, byte[] DiscOptimizer, byte[] Rng)
{
    /// <summary>Serialises the networks, their optimisers and the current torch RNG state.</summary>
    public static TrainingSnapshot Capture(nn.Module generator, nn.Module discriminator, OptimizerHelper genOptimizer, OptimizerHelper discOptimizer) =>
        new(ModuleBytes(generator), ModuleBytes(discriminator), OptimizerBytes(genOptimizer), OptimizerBytes(discOptimizer), RngBytes());

    private static byte[] ModuleBytes(nn.Module module)
    {
        using var stream = new MemoryStream();
        module.save(stream);
        return stream.ToArray();
    }

    private static byte[] OptimizerBytes(OptimizerHelper optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            optimizer.save_state_dict(writer);
        }

        return stream.ToArray();
    }

    private static byte[] RngBytes()
    {
        using var state = random.get_rng_state();
        return state.data<byte>().ToArray();
    }
}
