using Perceptor.Diagnostics.RunLog;

namespace Perceptor.Training.Step;

/// <summary>The loss-balance probe's shares: each weighted term's gradient norm over the sum of the four.</summary>
internal static class GradientShares
{
    /// <summary>Shares of <paramref name="norms"/> (all zero when every norm is zero).</summary>
    public static TermValues Of(TermValues norms)
    {
        double sum = norms.Ri + norms.Mag + norms.Time + norms.Gan;
        return sum > 0 ? new TermValues(norms.Ri / sum, norms.Mag / sum, norms.Time / sum, norms.Gan / sum) : new TermValues(0, 0, 0, 0);
    }
}
