using Perceptor.Quality.Composite;

namespace Perceptor.Quality.Tests.Composite;

public class ScaleInvariantSdrTests
{
    private static double[] Samples(string name) => VoiceBank.Clean(name).Samples.Select(v => (double)v).ToArray();

    private static double[] ZeroMean(double[] x)
    {
        double mean = x.Average();
        return x.Select(v => v - mean).ToArray();
    }

    private static double Energy(double[] x) => x.Sum(v => v * v);

    private static double[] Gaussian(int n, int seed)
    {
        var rng = new Random(seed);
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        }

        return x;
    }

    [Fact]
    public void A_hand_computed_pair_scores_ten_log_nine()
    {
        // Both zero-mean; ⟨ŝ, s⟩ = 6, ‖s‖² = 4, so s_target = 1.5·s (energy 9) and e = ŝ − 1.5·s = [.5, .5, −.5, −.5]
        // (energy 1). ε = 1e-8 against energies of 1 and 9 moves the value by about 1e-7 dB.
        double[] reference = [1, -1, 1, -1];
        double[] estimate = [2, -1, 1, -2];
        Assert.Equal(10 * Math.Log10(9), ScaleInvariantSdr.Compute(reference, estimate), 6);
    }

    [Fact]
    public void The_torchmetrics_documentation_example_with_zero_mean_gives_its_published_value()
    {
        // torchmetrics documents SI-SNR (its SI-SDR with zero_mean=True) of this pair as 15.0918 (4 decimals).
        double[] target = [3.0, -0.5, 2.0, 7.0];
        double[] preds = [2.5, 0.0, 2.0, 8.0];
        Assert.InRange(ScaleInvariantSdr.Compute(target, preds), 15.09175, 15.09185);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.01)]
    [InlineData(0.5)]
    [InlineData(3.0)]
    [InlineData(-2.0)]
    public void A_scaled_copy_scores_the_cap_that_epsilon_sets(double gain)
    {
        double[] clean = Samples("p232_011");
        double[] copy = clean.Select(v => gain * v).ToArray();
        // The residual is zero up to rounding, so the ratio is the target energy over ε: 10·log10(g²‖s‖² / 1e-8).
        double cap = 10 * Math.Log10(gain * gain * Energy(ZeroMean(clean)) / ScaleInvariantSdr.Epsilon);
        double value = ScaleInvariantSdr.Compute(clean, copy);
        Assert.Equal(cap, value, 6);
        Assert.True(double.IsFinite(value) && value > 60, $"scaled copy ({gain}): {value} dB");
    }

    [Theory]
    [InlineData(-5.0)]
    [InlineData(0.0)]
    [InlineData(10.0)]
    [InlineData(30.0)]
    public void Orthogonal_noise_added_at_a_given_snr_scores_that_snr(double snrDb)
    {
        double[] s = ZeroMean(Samples("p257_015"));
        double[] n = ZeroMean(Gaussian(s.Length, 42));
        // Gram-Schmidt: remove the part of the noise along the speech, so ⟨n, s⟩ = 0 and s_target = s exactly.
        double along = n.Zip(s, (a, b) => a * b).Sum() / Energy(s);
        n = ZeroMean(n.Zip(s, (a, b) => a - (along * b)).ToArray());
        double gain = Math.Sqrt(Energy(s) / Energy(n) / Math.Pow(10, snrDb / 10));
        double[] estimate = s.Zip(n, (a, b) => a + (gain * b)).ToArray();
        // ε = 1e-8 against a residual energy of at least 0.03 moves the value by under 1e-5 dB.
        Assert.Equal(snrDb, ScaleInvariantSdr.Compute(s, estimate), 5);
    }

    [Fact]
    public void Gain_and_offset_of_the_estimate_change_nothing()
    {
        double[] clean = Samples("p232_005");
        double[] noisy = VoiceBank.Noisy("p232_005").Samples.Select(v => (double)v).ToArray();
        double value = ScaleInvariantSdr.Compute(clean, noisy);
        double[] changed = noisy.Select(v => (0.3 * v) + 0.01).ToArray();
        Assert.Equal(value, ScaleInvariantSdr.Compute(clean, changed), 6);
        Assert.InRange(value, -20, 30);
    }

    [Fact]
    public void Float_and_double_samples_give_the_same_value()
    {
        var clean = VoiceBank.Clean("p232_016");
        var noisy = VoiceBank.Noisy("p232_016");
        double fromFloat = ScaleInvariantSdr.Compute(clean.Span, noisy.Span);
        double fromDouble = ScaleInvariantSdr.Compute(
            clean.Samples.Select(v => (double)v).ToArray(), noisy.Samples.Select(v => (double)v).ToArray());
        Assert.Equal(fromDouble, fromFloat, 12);
    }

    [Fact]
    public void A_constant_reference_is_undefined_and_a_silent_estimate_scores_the_floor()
    {
        double[] speech = Samples("p232_003");
        Assert.True(double.IsNaN(ScaleInvariantSdr.Compute(new double[speech.Length], speech)));
        Assert.True(double.IsNaN(ScaleInvariantSdr.Compute(Enumerable.Repeat(0.2, 100).ToArray(), speech.AsSpan(0, 100))));
        Assert.Equal(10 * Math.Log10(ScaleInvariantSdr.Epsilon), ScaleInvariantSdr.Compute(speech, new double[speech.Length]), 9);
        Assert.Throws<ArgumentException>(() => ScaleInvariantSdr.Compute(speech, speech.AsSpan(0, 10)));
    }
}
