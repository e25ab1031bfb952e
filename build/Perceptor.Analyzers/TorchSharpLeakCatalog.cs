using System;
using System.Collections.Generic;
using System.IO;

namespace Perceptor.Analyzers;

/// <summary>
/// The TorchSharp members that convert numbers to native Scalars (or Tensors) inside TorchSharp and never dispose
/// them, keyed by documentation comment id, with the reason the scan found. Loaded once from the embedded
/// TorchSharpLeaks.txt, which tools/Perceptor.TorchSharpScan writes from TorchSharp's sources.
/// </summary>
internal static class TorchSharpLeakCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> s_entries = new(Load);

    /// <summary>Member ids (M:...) and type ids (T:...) to the reason they leak.</summary>
    public static IReadOnlyDictionary<string, string> Entries => s_entries.Value;

    internal static IReadOnlyDictionary<string, string> Parse(TextReader reader)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            int tab = line.IndexOf('\t');
            if (tab > 0)
                entries[line.Substring(0, tab)] = line.Substring(tab + 1);
        }

        return entries;
    }

    private static IReadOnlyDictionary<string, string> Load()
    {
        using var stream = typeof(TorchSharpLeakCatalog).Assembly.GetManifestResourceStream("Perceptor.Analyzers.TorchSharpLeaks.txt")
            ?? throw new InvalidOperationException("TorchSharpLeaks.txt is not embedded in Perceptor.Analyzers");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}
