using System.Numerics;

namespace Perceptor.Quality.Composite;

/// <summary>
/// Scale-invariant signal-to-distortion ratio in dB (Le Roux, Wisdom, Erdogan &amp; Hershey, "SDR – half-baked or well
/// done?", ICASSP 2019), in the convention of asteroid's SI-SDR loss: both signals made zero-mean, the estimate ŝ
/// projected on the reference s, s_target = (⟨ŝ, s⟩ / (‖s‖² + ε))·s and e = ŝ − s_target, and
/// SI-SDR = 10·log10(‖s_target‖² / (‖e‖² + ε) + ε) with ε = 1e-8, on samples at full scale 1.0.
/// torchmetrics' <c>scale_invariant_signal_distortion_ratio(zero_mean=True)</c> is the same ratio with its ε (the
/// float type's machine epsilon) placed in numerator and denominator; the two agree to well under 0.001 dB unless
/// the residual energy approaches ε. Because of ε the value is capped: an exact (scaled) copy has ‖e‖² ≈ 0 and
/// scores 10·log10(‖s_target‖² / ε), about 100 dB for a few seconds of speech at a normal level, never infinity;
/// an all-zero (or constant) estimate scores the floor 10·log10(ε) = −80 dB. A constant (e.g. silent) reference
/// has no direction to project on: NaN. Stateless and allocation-free.
/// </summary>
public static class ScaleInvariantSdr
{
    /// <summary>The ε of the convention followed (asteroid's).</summary>
    public const double Epsilon = 1e-8;

    /// <summary>SI-SDR of <paramref name="estimate"/> against <paramref name="reference"/> (equal lengths), NaN for a constant reference.</summary>
    public static double Compute(ReadOnlySpan<double> reference, ReadOnlySpan<double> estimate) => Core(reference, estimate);

    /// <summary>SI-SDR of <paramref name="estimate"/> against <paramref name="reference"/> (equal lengths), accumulated in double precision.</summary>
    public static double Compute(ReadOnlySpan<float> reference, ReadOnlySpan<float> estimate) => Core(reference, estimate);

    private static double Core<T>(ReadOnlySpan<T> reference, ReadOnlySpan<T> estimate)
        where T : struct, IFloatingPoint<T>
    {
        if (reference.Length != estimate.Length)
        {
            throw new ArgumentException(
                $"reference has {reference.Length} samples and estimate {estimate.Length}: apply the length rule first");
        }

        if (reference.IsEmpty)
        {
            return double.NaN;
        }

        double referenceMean = 0, estimateMean = 0;
        bool constant = true;
        for (int i = 0; i < reference.Length; i++)
        {
            referenceMean += double.CreateTruncating(reference[i]);
            estimateMean += double.CreateTruncating(estimate[i]);
            constant &= reference[i] == reference[0];
        }

        // Checked on the samples themselves: subtracting a rounded mean from a constant leaves rounding dust, not zero.
        if (constant)
        {
            return double.NaN;
        }

        referenceMean /= reference.Length;
        estimateMean /= reference.Length;
        double dot = 0, referenceEnergy = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            double s = double.CreateTruncating(reference[i]) - referenceMean;
            double e = double.CreateTruncating(estimate[i]) - estimateMean;
            dot += e * s;
            referenceEnergy += s * s;
        }

        // The residual is summed from its samples rather than expanded as ‖ŝ‖² − 2α⟨ŝ, s⟩ + α²‖s‖², which cancels
        // catastrophically for the near-copies whose scores matter most.
        double alpha = dot / (referenceEnergy + Epsilon);
        double residualEnergy = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            double r = double.CreateTruncating(estimate[i]) - estimateMean -
                (alpha * (double.CreateTruncating(reference[i]) - referenceMean));
            residualEnergy += r * r;
        }

        double targetEnergy = alpha * alpha * referenceEnergy;
        return 10.0 * Math.Log10((targetEnergy / (residualEnergy + Epsilon)) + Epsilon);
    }
}
