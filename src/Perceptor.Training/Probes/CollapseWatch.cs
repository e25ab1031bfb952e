namespace Perceptor.Training.Probes;

/// <summary>
/// Feeds each evaluated epoch to an <see cref="ICollapseRule"/> and reports a collapse once per onset: it fires when
/// the rule first says collapsed and again only after the rule has said not collapsed in between.
/// </summary>
public sealed class CollapseWatch
{
    private readonly ICollapseRule _rule;
    private readonly double _drop;
    private readonly int _epochs;
    private readonly List<EpochScore> _history = [];

    /// <summary>Creates the watch; state can be restored from a checkpoint with <see cref="Restore"/>.</summary>
    public CollapseWatch(ICollapseRule rule, double drop, int epochs)
    {
        _rule = rule ?? throw new ArgumentNullException(nameof(rule));
        _drop = drop;
        _epochs = epochs;
    }

    /// <summary>Evaluated epochs so far.</summary>
    public IReadOnlyList<EpochScore> History => _history;

    /// <summary>True while the current collapse has already been reported.</summary>
    public bool InCollapse { get; private set; }

    /// <summary>Restores history and onset state.</summary>
    public void Restore(IEnumerable<EpochScore> history, bool inCollapse)
    {
        _history.Clear();
        _history.AddRange(history);
        InCollapse = inCollapse;
    }

    /// <summary>Adds an evaluated epoch; returns a verdict only at the onset of a collapse.</summary>
    public CollapseVerdict? Add(EpochScore score)
    {
        _history.Add(score);
        var verdict = _rule.Check(_history, _drop, _epochs);
        if (verdict is null)
        {
            InCollapse = false;
            return null;
        }

        if (InCollapse)
        {
            return null;
        }

        InCollapse = true;
        return verdict;
    }
}
