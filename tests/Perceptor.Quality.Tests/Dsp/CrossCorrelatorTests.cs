using Perceptor.Audio.Dsp;
using Perceptor.Quality.Dsp;

namespace Perceptor.Quality.Tests.Dsp;

public class CrossCorrelatorTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(512)]
    [InlineData(1024)]
    public void Correlation_matches_the_direct_circular_sum(int n)
    {
        var rng = new Random(n);
        var x = new float[n];
        var y = new float[n];
        var w = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (float)(rng.NextDouble() - 0.5);
            y[i] = (float)(rng.NextDouble() - 0.5);
            w[i] = (float)rng.NextDouble();
        }

        var output = new double[n];
        new CrossCorrelator(n).Correlate(x, y, w, output);
        for (int p = 0; p < n; p++)
        {
            double sum = 0;
            for (int t = 0; t < n; t++)
            {
                int u = (t + p) % n;
                sum += (double)(x[t] * w[t]) * (y[u] * w[u]);
            }

            Assert.Equal(sum, output[p], 1e-9);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(32)]
    [InlineData(2048)]
    public void Complex_transform_matches_a_direct_DFT(int n)
    {
        var rng = new Random(n + 7);
        var plan = new ComplexFft(n);
        var re = new double[n];
        var im = new double[n];
        for (int i = 0; i < n; i++)
        {
            re[i] = plan.InputRe[i] = rng.NextDouble() - 0.5;
            im[i] = plan.InputIm[i] = rng.NextDouble() - 0.5;
        }

        var (outRe, outIm) = plan.Execute();
        for (int k = 0; k < n; k++)
        {
            double sr = 0, si = 0;
            for (int t = 0; t < n; t++)
            {
                double a = -2 * Math.PI * (((long)k * t) % n) / n;
                sr += (re[t] * Math.Cos(a)) - (im[t] * Math.Sin(a));
                si += (re[t] * Math.Sin(a)) + (im[t] * Math.Cos(a));
            }

            Assert.Equal(sr, outRe[k], 1e-8);
            Assert.Equal(si, outIm[k], 1e-8);
        }
    }
}
