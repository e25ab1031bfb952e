using Perceptor.Quality.Composite;

namespace Perceptor.Quality.Tests.Composite;

public class LogLikelihoodRatioTests
{
    private static double[] Ar1(int n, double rho, int seed)
    {
        var rng = new Random(seed);
        var x = new double[n];
        double prev = 0;
        for (int i = 0; i < n; i++)
        {
            prev = (rho * prev) + (1000 * ((rng.NextDouble() * 2) - 1));
            x[i] = prev;
        }

        return x;
    }

    [Fact]
    public void Identical_spectral_envelopes_give_zero_and_others_give_a_positive_llr()
    {
        double[] clean = Ar1(16000, 0.9, 1);
        var llr = new LogLikelihoodRatio();
        Assert.Equal(0.0, llr.Compute(clean, clean));
        // A gain changes no LPC coefficient.
        Assert.Equal(0.0, llr.Compute(clean, clean.Select(v => 2.5 * v).ToArray()), 12);
        // A different envelope: the clean-frame quadratic form is minimised by the clean LPC, so LLR > 0.
        double other = llr.Compute(clean, Ar1(16000, -0.5, 2));
        Assert.True(other > 0.5, $"LLR {other}");
    }

    [Fact]
    public void Every_frame_is_non_negative_because_the_clean_lpc_minimises_the_prediction_error()
    {
        double[] clean = Ar1(8000, 0.7, 3);
        double[] processed = Ar1(8000, 0.2, 4);
        var llr = new LogLikelihoodRatio();
        var frames = new double[llr.FrameCount(clean.Length)];
        llr.ComputeFrames(clean, processed, frames);
        Assert.All(frames, f => Assert.True(f >= -1e-12, $"frame LLR {f}"));
    }

    [Fact]
    public void An_all_zero_clean_frame_is_nan_and_sorted_out_of_the_trimmed_mean()
    {
        // 1 silent frame region at the start among many frames: its NaNs fall in the discarded 5 %.
        double[] clean = Ar1(48000, 0.9, 5);
        Array.Clear(clean, 0, 600);
        double[] processed = Ar1(48000, 0.8, 6);
        var llr = new LogLikelihoodRatio();
        var frames = new double[llr.FrameCount(clean.Length)];
        llr.ComputeFrames(clean, processed, frames);
        Assert.True(double.IsNaN(frames[0]));
        Assert.True(double.IsFinite(llr.Compute(clean, processed)));
    }

    [Theory]
    [InlineData(16000, 16)]
    [InlineData(8000, 10)]
    public void The_lpc_order_is_16_at_wideband_and_10_below_10_kHz(int rate, int order)
    {
        Assert.Equal(order, new LogLikelihoodRatio(rate).Order);
    }
}
