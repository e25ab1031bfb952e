using Perceptor.Diagnostics.Readers;
using Perceptor.Diagnostics.Report;

namespace Perceptor.Diagnostics.Analysis;

/// <summary>The whole of <c>perceptor diagnose</c> as one library call: read, diagnose, format, write the report.</summary>
public static class DiagnoseRunner
{
    /// <summary>Runs the request.</summary>
    /// <exception cref="LogReadException">The log cannot be read at all.</exception>
    public static DiagnoseOutcome Run(DiagnoseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Collapse.Validate();
        var run = RunReader.Read(request.Path, request.Kind);
        var diagnosis = Diagnoser.Diagnose(run, request.Options);
        IReadOnlyList<string> files = [];
        if (request.OutDirectory is { } dir)
        {
            files = ReportWriter.Write(DiagnosisReport.Build(diagnosis), dir);
        }

        string output = request.Format switch
        {
            OutputFormat.Json => DiagnosisJson.Serialize(diagnosis),
            OutputFormat.Markdown => MarkdownRenderer.Render(DiagnosisReport.Build(diagnosis, includePlots: false), includeFigures: false),
            _ => DiagnosisText.Format(diagnosis),
        };
        return new DiagnoseOutcome(diagnosis, output, files);
    }
}
