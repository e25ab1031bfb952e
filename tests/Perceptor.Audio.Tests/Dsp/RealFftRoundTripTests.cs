using Perceptor.Audio.Dsp;

namespace Perceptor.Audio.Tests.Dsp;

public class RealFftRoundTripTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(512)]
    [InlineData(2048)]
    public void Forward_matches_a_direct_DFT(int n)
    {
        var rng = new Random(n);
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = rng.NextDouble() - 0.5;
        }

        var plan = new RealFft(n);
        var re = new double[plan.Bins];
        var im = new double[plan.Bins];
        plan.Forward(x, re, im);
        for (int k = 0; k <= n / 2; k++)
        {
            double sr = 0, si = 0;
            for (int t = 0; t < n; t++)
            {
                double a = -2 * Math.PI * (((long)k * t) % n) / n;
                sr += x[t] * Math.Cos(a);
                si += x[t] * Math.Sin(a);
            }

            Assert.Equal(sr, re[k], 1e-9);
            Assert.Equal(si, im[k], 1e-9);
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(32)]
    [InlineData(1024)]
    [InlineData(65536)]
    public void Inverse_undoes_forward(int n)
    {
        var rng = new Random(n + 1);
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (float)(rng.NextDouble() - 0.5);
        }

        var plan = new RealFft(n);
        var re = new double[plan.Bins];
        var im = new double[plan.Bins];
        plan.Forward(x, re, im);
        var y = new double[n];
        plan.Inverse(re, im, y);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(x[i], y[i], 1e-9);
        }
    }

    [Fact]
    public void Short_input_is_zero_padded()
    {
        var plan = new RealFft(16);
        var re = new double[9];
        var im = new double[9];
        plan.Forward(new float[] { 1f, 2f, 3f }, re, im);
        Assert.Equal(6.0, re[0], 1e-12);
        Assert.Equal(1.0 - 2.0 + 3.0, re[8], 1e-12);
    }
}
