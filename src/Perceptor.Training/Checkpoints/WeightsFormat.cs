namespace Perceptor.Training.Checkpoints;

/// <summary>The file formats weights are read from and written to.</summary>
public enum WeightsFormat
{
    /// <summary>Perceptor's own checkpoint (<c>.ckpt</c>): both networks, optimisers, RNG state, where training stands.</summary>
    Perceptor,

    /// <summary>A PyTorch state dict written by <c>torch.save</c> (zip format, <c>.pt</c>/<c>.pth</c>).</summary>
    PyTorch,

    /// <summary>A safetensors file (<c>.safetensors</c>): a JSON header and raw little-endian tensor data.</summary>
    Safetensors,
}
