using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Perceptor.Analyzers.Tests;

public class TorchSharpLeakCatalogTests
{
    [Fact]
    public void Every_catalog_entry_names_a_member_of_the_referenced_torchsharp()
    {
        // A TorchSharp upgrade that renames or removes members leaves stale entries: regenerate the catalog with
        // tools/Perceptor.TorchSharpScan when this fails.
        var compilation = CSharpCompilation.Create("Probe", [], AnalyzerHarness.TorchSharpReferences);
        var missing = TorchSharpLeakCatalog.Entries.Keys
            .Where(id => DocumentationCommentId.GetFirstSymbolForDeclarationId(id, compilation) is null)
            .ToList();
        Assert.True(TorchSharpLeakCatalog.Entries.Count > 300, $"only {TorchSharpLeakCatalog.Entries.Count} entries");
        Assert.True(missing.Count == 0, "not in TorchSharp: " + string.Join(", ", missing.Take(20)));
    }

    [Fact]
    public void Comment_and_blank_lines_are_skipped_and_reasons_kept()
    {
        using var reader = new StringReader("# header\n\nM:A.b\tScalar from 1 at X.cs:2\nT:A\tstep leaks\n");
        var entries = TorchSharpLeakCatalog.Parse(reader);
        Assert.Equal(2, entries.Count);
        Assert.Equal("Scalar from 1 at X.cs:2", entries["M:A.b"]);
    }
}
