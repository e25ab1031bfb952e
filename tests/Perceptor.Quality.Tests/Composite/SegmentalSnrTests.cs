using Perceptor.Quality.Composite;

namespace Perceptor.Quality.Tests.Composite;

public class SegmentalSnrTests
{
    private static double[] Noise(int n, int seed, double amplitude)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => amplitude * ((rng.NextDouble() * 2) - 1)).ToArray();
    }

    [Fact]
    public void A_processed_signal_of_1_1_times_the_clean_has_20_dB_in_every_frame()
    {
        // noise = 0.1·s in every frame, so SNR = 10·log10(1/0.01) = 20 dB exactly (ε is negligible here).
        double[] s = Noise(16000, 1, 1000);
        double[] p = s.Select(v => 1.1 * v).ToArray();
        var ssnr = new SegmentalSnr();
        var frames = new double[ssnr.FrameCount(s.Length)];
        ssnr.ComputeFrames(s, p, frames);
        Assert.All(frames, f => Assert.Equal(20.0, f, 9));
        Assert.Equal(20.0, ssnr.Compute(s, p), 9);
    }

    [Fact]
    public void A_silent_processed_signal_scores_0_dB()
    {
        double[] s = Noise(8000, 2, 1000);
        Assert.Equal(0.0, new SegmentalSnr().Compute(s, new double[s.Length]), 9);
    }

    [Fact]
    public void Very_noisy_frames_clamp_at_minus_10_dB()
    {
        double[] s = Noise(8000, 3, 1);
        double[] p = Noise(8000, 4, 10000);
        Assert.Equal(SegmentalSnr.MinSnrDb, new SegmentalSnr().Compute(s, p));
    }

    [Fact]
    public void Signals_shorter_than_a_frame_have_no_ssnr_and_unequal_lengths_are_refused()
    {
        Assert.True(double.IsNaN(new SegmentalSnr().Compute(new double[400], new double[400])));
        Assert.Throws<ArgumentException>(() => new SegmentalSnr().Compute(new double[1000], new double[999]));
    }
}
