namespace Perceptor.Training.Checkpoints;

/// <summary>Where a network's weights came from.</summary>
/// <param name="Format">The file's format.</param>
/// <param name="Origin">Where the state dict sat in the file.</param>
/// <param name="Tensors">Entries read.</param>
/// <param name="Size">The network's size in words.</param>
public sealed record StateDictInfo(WeightsFormat Format, string Origin, int Tensors, string Size);
