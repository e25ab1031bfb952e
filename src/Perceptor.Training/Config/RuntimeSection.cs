using System.ComponentModel;

namespace Perceptor.Training.Config;

/// <summary>Where and how the tensors run.</summary>
public sealed record RuntimeSection
{
    /// <summary><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c> (needs the TorchSharp CUDA bundle).</summary>
    [Description("cpu, cuda or cuda:N (needs TorchSharp-cuda)")]
    public string Device { get; init; } = "cpu";

    /// <summary>Intra-op threads for torch (0: torch's default).</summary>
    [Description("torch intra-op threads (0: torch's default)")]
    public int Threads { get; init; }
}
