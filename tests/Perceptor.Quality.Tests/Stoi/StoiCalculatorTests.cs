using Perceptor.Audio.Resampling;
using Perceptor.Quality.Stoi;

namespace Perceptor.Quality.Tests.Stoi;

public class StoiCalculatorTests
{
    private static double[] Add(double[] a, double[] b, double gain) => a.Select((v, i) => v + (gain * b[i])).ToArray();

    private static double[] WhiteNoise(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (rng.NextDouble() * 2) - 1).ToArray();
    }

    [Fact]
    public void The_bands_are_one_third_octaves_from_150_Hz_snapped_to_bins()
    {
        var bands = new StoiCalculator().Bands;
        Assert.Equal(15, bands.Low.Length);
        // Band 0: edges 150·2^(∓1/6) = 133.6 and 168.4 Hz; bins are 10000/512 = 19.53 Hz apart: 6.84 → 7, 8.62 → 9.
        Assert.Equal(7, bands.Low[0]);
        Assert.Equal(9, bands.High[0]);
        // Band 14: 150·2^(27/6) = 3394.8 Hz → 173.8 → 174; 150·2^(29/6) = 4276.1 Hz → 218.9 → 219.
        Assert.Equal(174, bands.Low[14]);
        Assert.Equal(219, bands.High[14]);
        for (int k = 1; k < 15; k++)
        {
            Assert.Equal(bands.High[k - 1], bands.Low[k]);
        }
    }

    [Fact]
    public void Stoi_falls_as_noise_rises()
    {
        var vb = VoiceBank.Clean("p232_011");
        double[] clean = vb.Samples.Select(v => (double)v).ToArray();
        double[] noise = WhiteNoise(clean.Length, 5);
        double rms = Math.Sqrt(clean.Average(v => v * v));
        var stoi = new StoiCalculator();
        double previous = 1.0 + 1e-9;
        foreach (double snrDb in new[] { 20.0, 10.0, 0.0, -10.0 })
        {
            double g = rms / Math.Pow(10, snrDb / 20);
            double s = stoi.Compute(clean, Add(clean, noise, g), 16000);
            Assert.True(s < previous, $"STOI at {snrDb} dB: {s} (previous {previous})");
            previous = s;
        }

        Assert.True(previous < 0.75);
    }

    [Fact]
    public void Scoring_at_16_kHz_equals_scoring_the_10_kHz_resampled_signals()
    {
        var clean = VoiceBank.Clean("p257_011");
        var noisy = VoiceBank.Noisy("p257_011");
        double[] c = clean.Samples.Select(v => (double)v).ToArray();
        double[] n = noisy.Samples.Select(v => (double)v).ToArray();
        var plan = PolyphaseResampler.ForRates(16000, 10000);
        var c10 = new double[plan.OutputLength(c.Length)];
        var n10 = new double[c10.Length];
        plan.Process(c, c10);
        plan.Process(n, n10);
        var stoi = new StoiCalculator();
        Assert.Equal(stoi.Compute(c, n, 16000), stoi.Compute(c10, n10, 10000), 12);
    }

    [Fact]
    public void Undefined_cases_say_why()
    {
        var stoi = new StoiCalculator();
        Assert.True(double.IsNaN(stoi.Compute(new double[200], new double[200], 10000, out string? shortWhy)));
        Assert.Contains("too short", shortWhy, StringComparison.Ordinal);
        Assert.True(double.IsNaN(stoi.Compute(new double[20000], WhiteNoise(20000, 1), 10000, out string? silentWhy)));
        Assert.Contains("silent", silentWhy, StringComparison.Ordinal);
        double[] brief = WhiteNoise(3000, 2);
        Assert.True(double.IsNaN(stoi.Compute(brief, brief, 10000, out string? briefWhy)));
        Assert.Contains("30 needed", briefWhy, StringComparison.Ordinal);
        double[] speech = WhiteNoise(20000, 3);
        Assert.True(double.IsNaN(stoi.Compute(speech, new double[20000], 10000, out string? zeroWhy)));
        Assert.NotNull(zeroWhy);
    }

    [Fact]
    public void Silent_stretches_of_the_clean_signal_are_removed_from_both_signals()
    {
        // Inserting digital silence into both signals (where the clean one is silent) must not change STOI.
        var clean = VoiceBank.Clean("p232_016");
        var noisy = VoiceBank.Noisy("p232_016");
        double[] c = clean.Samples.Select(v => (double)v).ToArray();
        double[] n = noisy.Samples.Select(v => (double)v).ToArray();
        var stoi = new StoiCalculator();
        double s = stoi.Compute(c, n, 16000);
        // The resampler's filter and the frame grid make an exact identity impossible; the score must stay close.
        double[] c2 = [.. c, .. new double[16000]];
        double[] n2 = [.. n, .. new double[16000]];
        Assert.Equal(s, stoi.Compute(c2, n2, 16000), 2);
    }
}
