namespace Perceptor.Training.Checkpoints;

/// <summary>What <see cref="CheckpointConverter.Convert"/> read and wrote.</summary>
/// <param name="Input">The file read.</param>
/// <param name="InputFormat">Its format (from its first bytes).</param>
/// <param name="Output">The file written.</param>
/// <param name="OutputFormat">Its format (from its extension).</param>
/// <param name="Part">The network converted (for a Perceptor checkpoint written, the generator; the discriminator
/// comes along when the input has one).</param>
/// <param name="Origin">Where the state dict sat in the input, e.g. <c>under key 'model', prefix 'module.' removed</c>.</param>
/// <param name="Tensors">Entries written (parameters and buffers).</param>
/// <param name="Size">The network's size, e.g. <c>64 channels, 4 TS-Conformer blocks, dense depth 4, 4 heads × 16</c>.</param>
/// <param name="Notes">Anything the user should know (a fresh discriminator added, …).</param>
public sealed record ConvertSummary(
    string Input,
    WeightsFormat InputFormat,
    string Output,
    WeightsFormat OutputFormat,
    ModelPart Part,
    string Origin,
    int Tensors,
    string Size,
    IReadOnlyList<string> Notes);
