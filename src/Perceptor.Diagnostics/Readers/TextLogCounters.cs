using Perceptor.Diagnostics.RunLog;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Readers;

/// <summary>
/// What the configuration lines and the diagnostic counters of a text log say, wherever they stand: the last value of
/// each setting, the last usable <c>[DISC STATS]</c> counter and the number of <c>[SKIP]</c> marks.
/// </summary>
internal sealed class TextLogCounters(List<ReadProblem> problems)
{
    public double? GenLr { get; private set; }

    public double? DiscLr { get; private set; }

    public int? BatchSize { get; private set; }

    public int? LogInterval { get; private set; }

    public TermValues? LossWeights { get; private set; }

    public (long Trained, long Total, int Line)? DiscStats { get; private set; }

    public int SkipMarks { get; private set; }

    public void Add(ConfigLine config)
    {
        GenLr = config.GenLr ?? GenLr;
        DiscLr = config.DiscLr ?? DiscLr;
        BatchSize = config.BatchSize ?? BatchSize;
        LogInterval = config.LogInterval ?? LogInterval;
        LossWeights = config.LossWeights ?? LossWeights;
    }

    public void Add(DiscStatsLine stats)
    {
        if (stats.Trained > stats.Total || stats.Total == 0)
        {
            problems.Add(new ReadProblem(stats.Line, "[DISC STATS] counter with trained > total or no batches; ignored"));
        }
        else
        {
            DiscStats = (stats.Trained, stats.Total, stats.Line);
        }
    }

    public void AddSkipMark() => SkipMarks++;
}
