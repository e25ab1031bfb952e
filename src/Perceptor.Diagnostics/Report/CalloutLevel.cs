namespace Perceptor.Diagnostics.Report;

/// <summary>How a callout box is marked: its label and, in HTML, its colour.</summary>
public enum CalloutLevel
{
    /// <summary>Context (blue).</summary>
    Info,

    /// <summary>A good result, e.g. a supported hypothesis (green).</summary>
    Ok,

    /// <summary>Something that can distort training or its reading (amber).</summary>
    Warning,

    /// <summary>A failure or a cause strong enough to explain one (red).</summary>
    Critical,
}

/// <summary>The word a renderer writes for a <see cref="CalloutLevel"/>.</summary>
internal static class CalloutLevelWord
{
    /// <summary>Lower case: <c>info</c>, <c>ok</c>, <c>warning</c>, <c>critical</c> (also the HTML class).</summary>
    public static string Of(CalloutLevel level) => level switch
    {
        CalloutLevel.Ok => "ok",
        CalloutLevel.Warning => "warning",
        CalloutLevel.Critical => "critical",
        _ => "info",
    };
}
