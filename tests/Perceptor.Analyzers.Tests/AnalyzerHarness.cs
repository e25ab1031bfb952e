using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Perceptor.Analyzers.Tests;

/// <summary>Compiles a snippet against the real TorchSharp assembly and returns what the analyzer reports.</summary>
internal static class AnalyzerHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(TorchSharp.Scalar).Assembly.Location);
        return [.. paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    /// <summary>This runtime's assemblies and TorchSharp's.</summary>
    public static ImmutableArray<MetadataReference> TorchSharpReferences => s_references.Value;

    /// <summary>Diagnostics for <paramref name="body"/> placed in a method with a Tensor x, y and a double v.</summary>
    public static ImmutableArray<Diagnostic> AnalyzeBody(string body, string members = "") =>
        Analyze($$"""
            using System;
            using TorchSharp;
            using static TorchSharp.torch;

            public static class Snippet
            {
                {{members}}

                public static void Run(Tensor x, Tensor y, double v)
                {
                    {{body}}
                }
            }
            """);

    public static ImmutableArray<Diagnostic> Analyze(string source, IEnumerable<MetadataReference>? references = null)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create("Snippet", [tree], references ?? s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "the snippet does not compile: " + string.Join("; ", errors));
        var withAnalyzer = compilation.WithAnalyzers([new UndisposedTorchConversionAnalyzer()]);
        return withAnalyzer.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }

    /// <summary>The reported ids with the text they point at, e.g. "PCP0001 0.3".</summary>
    public static string[] Findings(ImmutableArray<Diagnostic> diagnostics) =>
        [.. diagnostics
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => $"{d.Id} {d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)}")];
}
