using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Detectors;

/// <summary>
/// How the logged step lines are spaced inside their epochs. A trainer that logs every k-th step leaves equal gaps
/// (tqdm redraws, timed, leave nearly equal ones); gaps that vary widely mean the lines are a hand-picked or filtered
/// set, not a regular sample. Each line then stands for a different stretch of training, so the set carries less
/// information than its count: the design effect 1 + CV² of the gaps (Kish), at least 2 since the choice of lines may
/// also be related to what they show, shrinks the sample size an interval assumes.
/// </summary>
/// <param name="Gaps">Gaps between consecutive logged step counters within an epoch.</param>
/// <param name="MinGap">Smallest gap.</param>
/// <param name="MaxGap">Largest gap.</param>
/// <param name="Cv">Coefficient of variation of the gaps.</param>
/// <param name="Irregular">True when the gaps vary too much for a regular sample.</param>
public sealed record StepSpacing(int Gaps, long MinGap, long MaxGap, double Cv, bool Irregular)
{
    /// <summary>Coefficient of variation of the gaps above which the lines are not a regular sample. A regular log with
    /// one lost line in twenty stays below it (about 0.2).</summary>
    public const double IrregularCv = 0.3;

    /// <summary>How much the intervals widen: the sample size they assume is the count divided by this.</summary>
    public double DesignEffect => Irregular ? Math.Max(2, 1 + (Cv * Cv)) : 1;

    /// <summary>In words, for the basis of a rate.</summary>
    public string Text =>
        FormattableString.Invariant($"the step lines come at irregular intervals ({MinGap}-{MaxGap} steps apart, CV {Cv:0.00}), so they are a hand-picked or ") +
        FormattableString.Invariant($"filtered set, not a regular sample: the interval is widened by a design effect of {DesignEffect:0.0} and still assumes ") +
        "the lines were not chosen for their discriminator losses";

    /// <summary>The spacing of <paramref name="steps"/>, or null with fewer than three gaps.</summary>
    public static StepSpacing? Of(IReadOnlyList<StepPoint> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var gaps = new List<long>();
        foreach (var epoch in steps.Where(s => s.StepInEpoch is > 0).GroupBy(s => s.Epoch))
        {
            var counters = epoch.Select(s => (long)s.StepInEpoch!.Value).Distinct().Order().ToList();
            gaps.AddRange(counters.Zip(counters.Skip(1), (a, b) => b - a));
        }

        if (gaps.Count < 3)
        {
            return null;
        }

        double mean = gaps.Average();
        double sd = Math.Sqrt(gaps.Sum(g => (g - mean) * (g - mean)) / gaps.Count);
        double cv = mean > 0 ? sd / mean : 0;
        return new StepSpacing(gaps.Count, gaps.Min(), gaps.Max(), cv, cv > IrregularCv);
    }
}
