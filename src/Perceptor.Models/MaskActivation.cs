using System.Text.Json.Serialization;

namespace Perceptor.Models;

/// <summary>How the mask decoder's last layer maps its output to the magnitude mask.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MaskActivation>))]
public enum MaskActivation
{
    /// <summary>Per-frequency PReLU, slopes initialised to −0.25 (the reference CMGAN code): non-negative at
    /// initialisation, unbounded above.</summary>
    [JsonStringEnumMemberName("prelu")]
    Prelu,

    /// <summary>Per-frequency learnable sigmoid β·σ(a_f·x), slopes initialised to 1: bounded in (0, β).</summary>
    [JsonStringEnumMemberName("learnableSigmoid")]
    LearnableSigmoid,
}
