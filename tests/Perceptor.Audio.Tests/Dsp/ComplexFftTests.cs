using Perceptor.Audio.Dsp;

namespace Perceptor.Audio.Tests.Dsp;

public class ComplexFftTests
{
    /// <summary>
    /// The plan's vectorised stages compute exactly what a plain scalar radix-4 Stockham transform with the same
    /// twiddles and the same operation order computes (zeros' signs aside), so speed work on the kernels cannot
    /// move any score built on them.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(256)]
    [InlineData(512)]
    [InlineData(1024)]
    [InlineData(2048)]
    [InlineData(32768)]
    [InlineData(65536)]
    public void Every_length_matches_the_scalar_stockham_transform_bit_for_bit(int length)
    {
        var rng = new Random(length);
        var re = new double[length];
        var im = new double[length];
        for (int i = 0; i < length; i++)
        {
            re[i] = (rng.NextDouble() * 2) - 1;
            im[i] = (rng.NextDouble() * 2) - 1;
        }

        var fft = new ComplexFft(length);
        re.CopyTo(fft.InputRe);
        im.CopyTo(fft.InputIm);
        var (outRe, outIm) = fft.Execute();
        var (expectedRe, expectedIm) = ScalarStockham(re, im);
        for (int k = 0; k < length; k++)
        {
            Assert.True(expectedRe[k] == outRe[k], $"re[{k}]: {expectedRe[k]:R} != {outRe[k]:R}");
            Assert.True(expectedIm[k] == outIm[k], $"im[{k}]: {expectedIm[k]:R} != {outIm[k]:R}");
        }
    }

    /// <summary>
    /// The plan's four work buffers start in different quarters of a 4 KB page, so that the passes' power-of-two
    /// strided streams do not share L1 cache sets, wherever the runtime puts the plan.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(512)]
    [InlineData(32768)]
    public void The_work_buffers_start_a_quarter_page_apart(int length)
    {
        var fft = new ComplexFft(length);
        ref double first = ref fft.WorkBuffer(0)[0];
        for (int k = 1; k < 4; k++)
        {
            long offset = System.Runtime.CompilerServices.Unsafe.ByteOffset(ref first, ref fft.WorkBuffer(k)[0]);
            Assert.Equal(k * 1024, ((offset % 4096) + 4096) % 4096);
        }
    }

    private static (double[] Re, double[] Im) ScalarStockham(double[] re, double[] im)
    {
        int length = re.Length;
        double[] xr = (double[])re.Clone(), xi = (double[])im.Clone(), yr = new double[length], yi = new double[length];
        int n = length, s = 1;
        for (; n >= 4; n /= 4, s *= 4)
        {
            int quarter = n / 4;
            for (int p = 0; p < quarter; p++)
            {
                double angle = -2.0 * Math.PI * p / n;
                double w1r = Math.Cos(angle), w1i = Math.Sin(angle);
                double w2r = Math.Cos(2 * angle), w2i = Math.Sin(2 * angle);
                double w3r = Math.Cos(3 * angle), w3i = Math.Sin(3 * angle);
                for (int q = 0; q < s; q++)
                {
                    int a = (s * p) + q, b = (s * (p + quarter)) + q, c = (s * (p + (2 * quarter))) + q;
                    int d = (s * (p + (3 * quarter))) + q, o = (4 * s * p) + q;
                    double t0r = xr[a] + xr[c], t0i = xi[a] + xi[c], t1r = xr[a] - xr[c], t1i = xi[a] - xi[c];
                    double t2r = xr[b] + xr[d], t2i = xi[b] + xi[d], t3r = xr[b] - xr[d], t3i = xi[b] - xi[d];
                    double u1r = t1r + t3i, u1i = t1i - t3r, u2r = t0r - t2r, u2i = t0i - t2i;
                    double u3r = t1r - t3i, u3i = t1i + t3r;
                    yr[o] = t0r + t2r;
                    yi[o] = t0i + t2i;
                    yr[o + s] = (u1r * w1r) - (u1i * w1i);
                    yi[o + s] = (u1r * w1i) + (u1i * w1r);
                    yr[o + (2 * s)] = (u2r * w2r) - (u2i * w2i);
                    yi[o + (2 * s)] = (u2r * w2i) + (u2i * w2r);
                    yr[o + (3 * s)] = (u3r * w3r) - (u3i * w3i);
                    yi[o + (3 * s)] = (u3r * w3i) + (u3i * w3r);
                }
            }

            (xr, yr) = (yr, xr);
            (xi, yi) = (yi, xi);
        }

        if (n == 2)
        {
            for (int q = 0; q < s; q++)
            {
                yr[q] = xr[q] + xr[q + s];
                yi[q] = xi[q] + xi[q + s];
                yr[q + s] = xr[q] - xr[q + s];
                yi[q + s] = xi[q] - xi[q + s];
            }

            (xr, xi) = (yr, yi);
        }

        return (xr, xi);
    }
}
