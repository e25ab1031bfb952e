namespace Perceptor.Diagnostics.Analysis;

/// <summary>What <c>diagnose</c> prints.</summary>
public enum OutputFormat
{
    /// <summary>Plain text for a terminal.</summary>
    Text,

    /// <summary>The report as Markdown (without the plots).</summary>
    Markdown,

    /// <summary>One JSON object (<see cref="DiagnosisJson"/>).</summary>
    Json,
}
