using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Perceptor.Diagnostics.RunLog;

/// <summary>The JSON settings of <c>metrics.jsonl</c>: snake_case names, nulls written (null means "not measured").</summary>
public static class RunLogJson
{
    /// <summary>Options shared by the writer and the reader.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
        AllowOutOfOrderMetadataProperties = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serialises one record to a single line (no newline).</summary>
    public static string Serialize(RunRecord record) => JsonSerializer.Serialize(record, Options);
}
