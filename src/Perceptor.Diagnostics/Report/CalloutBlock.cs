namespace Perceptor.Diagnostics.Report;

/// <summary>
/// A highlighted box: a level (<c>critical</c>, <c>warning</c>, <c>info</c> or <c>ok</c> picks its colour), a tag
/// (e.g. a finding id), a title, bullet items, and closing lines each with a bold label (e.g. "Next").
/// </summary>
public sealed record CalloutBlock(
    string Level, string Tag, string Title, IReadOnlyList<string> Items, IReadOnlyList<(string Label, string Text)> Footer) : ReportBlock;
