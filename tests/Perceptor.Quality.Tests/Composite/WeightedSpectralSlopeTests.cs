using Perceptor.Quality.Composite;

namespace Perceptor.Quality.Tests.Composite;

public class WeightedSpectralSlopeTests
{
    [Fact]
    public void Each_band_peaks_at_its_centre_bin_with_equal_area_height_and_is_cut_at_minus_30_dB()
    {
        var wss = new WeightedSpectralSlope();
        double floor = Math.Exp(-30.0 / (2.0 * 2.303));
        for (int i = 0; i < WeightedSpectralSlope.BandCount; i++)
        {
            int centre = (int)Math.Floor(WeightedSpectralSlope.CentreFrequencies[i] / 8000 * 512);
            double height = WeightedSpectralSlope.Bandwidths[0] / WeightedSpectralSlope.Bandwidths[i];
            Assert.Equal(height, wss.FilterWeight(i, centre), 12);
            for (int j = 0; j < 512; j++)
            {
                double v = wss.FilterWeight(i, j);
                Assert.True(v == 0 || v > floor, $"band {i} bin {j}: {v}");
                Assert.True(v <= height + 1e-15);
            }
        }

        // Band 1 (50 Hz, 70 Hz wide → 4.48 bins): bin 3 is 0 dB, bins ±2 away fall to exp(−11·(2/4.48)²) ≈ 0.112.
        Assert.Equal(Math.Exp(-11 * Math.Pow(2 / (70.0 / 8000 * 512), 2)), wss.FilterWeight(0, 5), 12);
    }

    [Fact]
    public void A_spectrally_tilted_copy_is_penalised_and_a_scaled_copy_is_not()
    {
        var rng = new Random(9);
        var clean = new double[16000];
        for (int i = 0; i < clean.Length; i++)
        {
            clean[i] = 3000 * ((rng.NextDouble() * 2) - 1);
        }

        // First difference: a high-pass tilt that changes every spectral slope.
        var tilted = new double[clean.Length];
        for (int i = 1; i < clean.Length; i++)
        {
            tilted[i] = clean[i] - clean[i - 1];
        }

        var wss = new WeightedSpectralSlope();
        Assert.Equal(0.0, wss.Compute(clean, clean.Select(v => 0.3 * v).ToArray()), 9);
        Assert.True(wss.Compute(clean, tilted) > 1.0);
    }
}
