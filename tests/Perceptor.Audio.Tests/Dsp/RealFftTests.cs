using Perceptor.Audio.Dsp;

namespace Perceptor.Audio.Tests.Dsp;

public class RealFftTests
{
    private static (double Re, double Im) NaiveBin(double[] x, int n, int k)
    {
        double re = 0, im = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double a = -2.0 * Math.PI * k * i / n;
            re += x[i] * Math.Cos(a);
            im += x[i] * Math.Sin(a);
        }

        return (re, im);
    }

    [Theory]
    [InlineData(4, 4)]
    [InlineData(8, 5)]
    [InlineData(64, 64)]
    [InlineData(512, 256)]
    [InlineData(1024, 480)]
    public void Matches_the_direct_dft_including_zero_padding(int size, int inputLength)
    {
        var rng = new Random(size + inputLength);
        var x = new double[inputLength];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (rng.NextDouble() * 2) - 1;
        }

        var fft = new RealFft(size);
        var re = new double[fft.Bins];
        var im = new double[fft.Bins];
        var power = new double[fft.Bins];
        fft.Forward(x, re, im);
        fft.PowerSpectrum(x, power, new double[fft.Bins]);
        for (int k = 0; k < fft.Bins; k++)
        {
            var (er, ei) = NaiveBin(x, size, k);
            Assert.Equal(er, re[k], 1e-9);
            Assert.Equal(ei, im[k], 1e-9);
            Assert.Equal((er * er) + (ei * ei), power[k], 1e-8);
        }
    }

    [Fact]
    public void A_cosine_on_a_bin_puts_half_its_length_in_that_bin()
    {
        const int n = 256;
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = Math.Cos(2 * Math.PI * 10 * i / n);
        }

        var fft = new RealFft(n);
        var re = new double[fft.Bins];
        var im = new double[fft.Bins];
        fft.Forward(x, re, im);
        Assert.Equal(n / 2.0, re[10], 1e-9);
        for (int k = 0; k < fft.Bins; k++)
        {
            if (k != 10)
            {
                Assert.True(Math.Abs(re[k]) < 1e-9 && Math.Abs(im[k]) < 1e-9, $"bin {k}");
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(100)]
    public void Rejects_sizes_that_are_not_powers_of_two(int size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RealFft(size));
    }
}
