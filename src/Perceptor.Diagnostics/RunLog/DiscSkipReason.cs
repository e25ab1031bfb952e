using System.Text.Json.Serialization;

namespace Perceptor.Diagnostics.RunLog;

/// <summary>
/// Why the discriminator took no step, as <c>step.skip_reason</c> records it (written as the snake_case names below,
/// as every Perceptor run folder has recorded them).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<DiscSkipReason>))]
public enum DiscSkipReason
{
    /// <summary><c>pesq_failed</c>: under the skip-batch policy a clip PESQ could not score cancelled the step.</summary>
    [JsonStringEnumMemberName("pesq_failed")]
    PesqFailed,

    /// <summary><c>pesq_all_failed</c>: under the batch-mean policy no clip of the batch scored, so there is no target.</summary>
    [JsonStringEnumMemberName("pesq_all_failed")]
    PesqAllFailed,

    /// <summary><c>nonfinite_loss</c>: a loss (the discriminator's or the generator's) was not finite; the update was dropped.</summary>
    [JsonStringEnumMemberName("nonfinite_loss")]
    NonfiniteLoss,

    /// <summary><c>nonfinite_gradient</c>: a gradient (the discriminator's or the generator's) was not finite; the update was dropped.</summary>
    [JsonStringEnumMemberName("nonfinite_gradient")]
    NonfiniteGradient,
}
