namespace Perceptor.Diagnostics.Readers;

/// <summary>What the progress bars of a text log showed beyond their steps, for the notes.</summary>
internal sealed class TextLogBarTally
{
    /// <summary>The loss values of the redraws read as steps, as written (their digits tell how tqdm rounded them).</summary>
    public List<string> Tokens { get; } = [];

    /// <summary>Lines of evaluation bars (values, but no training losses).</summary>
    public SortedSet<int> EvalBarLines { get; } = [];

    /// <summary>Postfix names that are neither losses nor learning rates.</summary>
    public SortedSet<string> UnreadNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Lines already reported for a bad bar value (one report per line).</summary>
    public HashSet<int> ProblemLines { get; } = [];

    /// <summary>Redraws that repeat the values of the one before.</summary>
    public int Redraws { get; set; }

    /// <summary>Redraws with losses left out because the log has step lines.</summary>
    public int LeftOut { get; set; }
}
