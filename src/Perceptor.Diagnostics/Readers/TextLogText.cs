namespace Perceptor.Diagnostics.Readers;

/// <summary>How the text-log reader quotes lines and values in its problems and notes.</summary>
internal static class TextLogText
{
    /// <summary>The start of <paramref name="text"/>, at most 60 characters.</summary>
    public static string Excerpt(string text) => text.Length <= 60 ? text.Trim() : string.Concat(text.AsSpan(0, 57).Trim(), "...");

    /// <summary>The end of <paramref name="text"/>, at most 60 characters (where a cut line shows its damage).</summary>
    public static string ExcerptEnd(string text) => text.Length <= 60 ? text.Trim() : string.Concat("...", text.AsSpan(text.Length - 57).Trim());

    /// <summary>What is wrong with a field that has no number.</summary>
    public static string BadValue(LogField field) => field.Raw.Length == 0
        ? $"'{field.Key}' has no value"
        : $"'{field.Key}' has '{Excerpt(field.Raw)}', which is not a number";

    /// <summary>"line 3" or "lines 3, 5, 8, ..." (at most five).</summary>
    public static string LineList(SortedSet<int> lines) =>
        (lines.Count == 1 ? "line " : "lines ") + string.Join(", ", lines.Take(5)) + (lines.Count > 5 ? ", ..." : "");
}
