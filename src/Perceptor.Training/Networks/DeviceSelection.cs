using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Training.Networks;

/// <summary>Turns a device name into a torch device, with a clear message when CUDA is asked for but absent.</summary>
public static class DeviceSelection
{
    /// <summary><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public static Device Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name == "cpu")
        {
            return CPU;
        }

        if (name.StartsWith("cuda", StringComparison.Ordinal))
        {
            if (!cuda.is_available())
            {
                throw new InvalidOperationException(
                    $"device '{name}' asked for, but CUDA is not available (this build carries the CPU libtorch; reference the TorchSharp-cuda-linux package to train on a GPU)");
            }

            return new Device(name);
        }

        throw new ArgumentException($"unknown device '{name}' (cpu, cuda or cuda:N)", nameof(name));
    }
}
