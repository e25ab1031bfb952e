namespace Perceptor.Training.Rescore;

/// <summary>What <c>perceptor rescore</c> prints on standard output.</summary>
public enum RescoreOutputFormat
{
    /// <summary>The table per epoch with the noisy row, the best epoch, the timing and the files written.</summary>
    Text,

    /// <summary>One JSON object (docs/rescore.md).</summary>
    Json,
}
