using Perceptor.Quality.Stoi;
using Xunit.Abstractions;

namespace Perceptor.Quality.Tests.Stoi;

public class EstoiCalculatorTests(ITestOutputHelper output)
{
    private static double[] Doubles(float[] x) => x.Select(v => (double)v).ToArray();

    private static double[] WhiteNoise(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (rng.NextDouble() * 2) - 1).ToArray();
    }

    [Theory]
    [InlineData("p232_003")]
    [InlineData("p232_011")]
    [InlineData("p257_015")]
    public void Identical_signals_score_one(string name)
    {
        double[] clean = Doubles(VoiceBank.Clean(name).Samples);
        Assert.Equal(1.0, new EstoiCalculator().Compute(clean, clean, 16000), 12);
    }

    [Fact]
    public void Estoi_falls_monotonically_as_white_noise_rises_on_the_voicebank_samples()
    {
        var estoi = new EstoiCalculator();
        string[] names = [.. VoiceBank.PublishedMetrics.Select(r => r.Name)];
        double[] snrs = [20, 10, 5, 0, -5, -10];
        for (int f = 0; f < names.Length; f++)
        {
            double[] clean = Doubles(VoiceBank.Clean(names[f]).Samples);
            double[] noise = WhiteNoise(clean.Length, 100 + f);
            double cleanPower = clean.Average(v => v * v);
            double noisePower = noise.Average(v => v * v);
            var values = new List<double>();
            foreach (double snr in snrs)
            {
                double g = Math.Sqrt(cleanPower / noisePower / Math.Pow(10, snr / 10));
                values.Add(estoi.Compute(clean, clean.Zip(noise, (c, n) => c + (g * n)).ToArray(), 16000));
            }

            output.WriteLine($"{names[f]}: {string.Join(", ", values.Select((v, i) => $"{snrs[i]} dB {v:0.0000}"))}");
            for (int i = 1; i < values.Count; i++)
            {
                Assert.True(values[i] < values[i - 1], $"{names[f]}: ESTOI {values[i]} at {snrs[i]} dB, {values[i - 1]} at {snrs[i - 1]} dB");
            }

            Assert.InRange(values[0], 0.5, 1.0);
            Assert.InRange(values[^1], -0.1, 0.4);
        }
    }

    [Fact]
    public void A_gain_on_the_processed_signal_or_on_both_changes_nothing()
    {
        double[] clean = Doubles(VoiceBank.Clean("p257_011").Samples);
        double[] noisy = Doubles(VoiceBank.Noisy("p257_011").Samples);
        var estoi = new EstoiCalculator();
        double value = estoi.Compute(clean, noisy, 16000);
        // A power of two scales every intermediate exactly, so the score is bit for bit the same.
        Assert.Equal(value, estoi.Compute(clean, noisy.Select(v => 0.25 * v).ToArray(), 16000));
        Assert.Equal(value, estoi.Compute(clean.Select(v => 4 * v).ToArray(), noisy.Select(v => 4 * v).ToArray(), 16000));
        // Any other gain only through rounding.
        Assert.Equal(value, estoi.Compute(clean.Select(v => 0.37 * v).ToArray(), noisy.Select(v => 0.37 * v).ToArray(), 16000), 12);
        Assert.Equal(value, estoi.Compute(clean, noisy.Select(v => 7.3 * v).ToArray(), 16000), 12);
    }

    [Fact]
    public void An_all_zero_processed_signal_correlates_with_nothing()
    {
        double[] clean = Doubles(VoiceBank.Clean("p232_003").Samples);
        Assert.Equal(0.0, new EstoiCalculator().Compute(clean, new double[clean.Length], 16000));
    }

    [Fact]
    public void Undefined_cases_say_why_as_stoi_does()
    {
        var estoi = new EstoiCalculator();
        Assert.True(double.IsNaN(estoi.Compute(new double[200], new double[200], 10000, out string? shortWhy)));
        Assert.Contains("too short", shortWhy, StringComparison.Ordinal);
        Assert.True(double.IsNaN(estoi.Compute(new double[20000], WhiteNoise(20000, 1), 10000, out string? silentWhy)));
        Assert.Contains("silent", silentWhy, StringComparison.Ordinal);
        double[] brief = WhiteNoise(3000, 2);
        Assert.True(double.IsNaN(estoi.Compute(brief, brief, 10000, out string? briefWhy)));
        Assert.Contains("30 needed", briefWhy, StringComparison.Ordinal);
    }
}
