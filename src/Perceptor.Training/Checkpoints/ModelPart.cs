namespace Perceptor.Training.Checkpoints;

/// <summary>Which network of a checkpoint a state dict belongs to.</summary>
public enum ModelPart
{
    /// <summary>The CMGAN generator (the reference's <c>TSCNet</c>).</summary>
    Generator,

    /// <summary>The metric discriminator.</summary>
    Discriminator,
}
