namespace Perceptor.Training.Rescore;

/// <summary>Where a rescored checkpoint's epoch number came from.</summary>
public enum EpochBasis
{
    /// <summary>The file name (<c>CMGAN_epoch_7_0.105</c>, <c>epoch=7</c>, <c>epoch_7</c>, <c>ep7</c>).</summary>
    Name,

    /// <summary>The state a Perceptor checkpoint carries (the epoch it was written after, as the run log numbers it).</summary>
    CheckpointState,

    /// <summary>Neither says: the checkpoint's 1-based position in the order given.</summary>
    Order,
}
