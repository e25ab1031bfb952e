using Perceptor.Quality.Pesq;

namespace Perceptor.Training.Tests.Fakes;

/// <summary>
/// A deterministic stand-in for wideband PESQ with the real failure kinds: an all-zero reference has no utterances,
/// an all-zero degraded signal is silent, NaN is non-finite; otherwise a score in [1.04, 4.64] rising with SNR.
/// </summary>
internal static class FakePesq
{
    public static PesqResult[] Score(IReadOnlyList<PesqPair> pairs)
    {
        var results = new PesqResult[pairs.Count];
        for (int i = 0; i < pairs.Count; i++)
        {
            results[i] = ScoreOne(pairs[i].Reference.Span, pairs[i].Degraded.Span);
        }

        return results;
    }

    private static PesqResult ScoreOne(ReadOnlySpan<float> reference, ReadOnlySpan<float> degraded)
    {
        double signal = 0, error = 0, degradedEnergy = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            if (!float.IsFinite(reference[i]) || !float.IsFinite(degraded[i]))
            {
                return PesqResult.Failed(PesqFailure.NonFinite);
            }

            signal += (double)reference[i] * reference[i];
            degradedEnergy += (double)degraded[i] * degraded[i];
            double d = reference[i] - degraded[i];
            error += d * d;
        }

        if (signal < 1e-12)
        {
            return PesqResult.Failed(PesqFailure.NoUtterances);
        }

        if (degradedEnergy == 0)
        {
            return PesqResult.Failed(PesqFailure.SilentDegraded);
        }

        double snr = 10 * Math.Log10(signal / Math.Max(error, 1e-12));
        return PesqResult.Success(1.04 + 3.6 / (1 + Math.Exp(-(snr - 5) / 5)));
    }
}
