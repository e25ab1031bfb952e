using Perceptor.Audio.Resampling;

namespace Perceptor.Audio.Tests.Resampling;

public class PolyphaseResamplerTests
{
    public static TheoryData<int, int> CommonRates()
    {
        int[] rates = [48000, 44100, 32000, 22050, 16000, 10000, 8000];
        var data = new TheoryData<int, int>();
        foreach (int from in rates)
        {
            foreach (int to in rates)
            {
                if (from != to)
                {
                    data.Add(from, to);
                }
            }
        }

        return data;
    }

    [Theory]
    [InlineData(16000, 10000, 5, 8)]
    [InlineData(48000, 16000, 1, 3)]
    [InlineData(44100, 16000, 160, 441)]
    [InlineData(8000, 16000, 2, 1)]
    [InlineData(22050, 44100, 2, 1)]
    [InlineData(16000, 16000, 1, 1)]
    public void The_ratio_is_reduced_by_the_gcd(int from, int to, int up, int down)
    {
        var plan = PolyphaseResampler.ForRates(from, to);
        Assert.Equal(up, plan.Up);
        Assert.Equal(down, plan.Down);
        Assert.Equal(10 * Math.Max(up, down), plan.HalfLength);
        Assert.Equal((20 * Math.Max(up, down)) + 1, plan.Taps.Length);
    }

    [Theory]
    [InlineData(5, 8, 0)]
    [InlineData(5, 8, 1)]
    [InlineData(5, 8, 7)]
    [InlineData(5, 8, 8)]
    [InlineData(5, 8, 56000)]
    [InlineData(5, 8, 56001)]
    [InlineData(1, 3, 10)]
    [InlineData(3, 1, 10)]
    [InlineData(160, 441, 44101)]
    [InlineData(7, 3, 1)]
    public void Output_length_is_the_ceiling_of_length_times_up_over_down(int up, int down, int length)
    {
        var plan = new PolyphaseResampler(up, down);
        int expected = (int)Math.Ceiling(length * (double)plan.Up / plan.Down);
        Assert.Equal(expected, plan.OutputLength(length));
        Assert.Equal(expected, plan.Process(new float[length]).Length);
    }

    [Fact]
    public void A_wrong_output_length_is_refused()
    {
        var plan = new PolyphaseResampler(5, 8);
        Assert.Throws<ArgumentException>(() => plan.Process(new double[80], new double[49]));
    }

    [Fact]
    public void Equal_rates_copy_the_input()
    {
        float[] x = [0.1f, -0.2f, 0.3f];
        var plan = new PolyphaseResampler(4, 4);
        Assert.True(plan.IsIdentity);
        Assert.Equal(x, plan.Process(x));
    }

    [Theory]
    [MemberData(nameof(CommonRates))]
    public void Dc_passes_with_unit_gain_away_from_the_edges(int from, int to)
    {
        var plan = PolyphaseResampler.ForRates(from, to);
        var x = new double[from / 10];
        Array.Fill(x, 1.0);
        var y = new double[plan.OutputLength(x.Length)];
        plan.Process(x, y);
        int margin = (plan.HalfLength / plan.Down) + 2;
        for (int m = margin; m < y.Length - margin; m++)
        {
            // Each polyphase branch of a Kaiser(5) windowed sinc sums to 1 within its stop-band ripple (~1e-3).
            Assert.True(Math.Abs(y[m] - 1.0) < 3e-3, $"{from}->{to}: y[{m}] = {y[m]}");
        }
    }

    [Theory]
    [MemberData(nameof(CommonRates))]
    public void A_sine_below_both_nyquists_keeps_its_amplitude_and_phase(int from, int to)
    {
        double f = 0.3 * Math.Min(from, to); // 60 % of the lower Nyquist frequency
        var plan = PolyphaseResampler.ForRates(from, to);
        var x = new double[from / 5];
        for (int n = 0; n < x.Length; n++)
        {
            x[n] = Math.Sin(2 * Math.PI * f * n / from);
        }

        var y = new double[plan.OutputLength(x.Length)];
        plan.Process(x, y);
        int margin = y.Length / 8;
        double worst = 0;
        for (int m = margin; m < y.Length - margin; m++)
        {
            double expected = Math.Sin(2 * Math.PI * f * m / to); // no delay: the filter's delay is removed
            worst = Math.Max(worst, Math.Abs(y[m] - expected));
        }

        Assert.True(worst < 5e-3, $"{from}->{to} at {f} Hz: max error {worst}");
    }

    [Theory]
    [InlineData(48000, 16000, 12000.0)]
    [InlineData(44100, 16000, 10000.0)]
    [InlineData(16000, 10000, 6500.0)]
    [InlineData(32000, 8000, 9000.0)]
    [InlineData(22050, 8000, 7000.0)]
    public void Content_above_the_new_nyquist_is_attenuated_by_40_dB(int from, int to, double f)
    {
        var plan = PolyphaseResampler.ForRates(from, to);
        var x = new double[from / 4];
        for (int n = 0; n < x.Length; n++)
        {
            x[n] = Math.Sin(2 * Math.PI * f * n / from);
        }

        var y = new double[plan.OutputLength(x.Length)];
        plan.Process(x, y);
        int margin = y.Length / 8;
        double sum = 0;
        for (int m = margin; m < y.Length - margin; m++)
        {
            sum += y[m] * y[m];
        }

        double rms = Math.Sqrt(sum / (y.Length - (2 * margin)));
        Assert.True(rms < 0.01 * Math.Sqrt(0.5), $"{from}->{to} at {f} Hz: output rms {rms}");
    }

    /// <summary>
    /// Known answer, derived independently of the implementation: up-sampling an impulse by 2 returns the design
    /// filter itself (gain 2, centred on the impulse), where the filter is 2·c·sinc(c·k)·w[k]/Σ with c = 1/2 and w
    /// the Kaiser(5) window computed here from I0's integral form (1/π)∫₀^π exp(x·cos θ) dθ rather than its series.
    /// </summary>
    [Fact]
    public void Upsampling_an_impulse_by_two_returns_the_kaiser_sinc_filter()
    {
        var plan = new PolyphaseResampler(2, 1);
        const int h = 20;
        const int centre = 40;
        var x = new double[81];
        x[centre] = 1.0;
        var y = new double[plan.OutputLength(x.Length)];
        plan.Process(x, y);

        var expected = new double[(2 * h) + 1];
        double sum = 0;
        for (int k = -h; k <= h; k++)
        {
            double r = (double)k / h;
            double w = I0ByIntegral(5.0 * Math.Sqrt(1 - (r * r))) / I0ByIntegral(5.0);
            double s = k == 0 ? 1.0 : Math.Sin(Math.PI * k / 2.0) / (Math.PI * k / 2.0);
            expected[k + h] = 0.5 * s * w;
            sum += expected[k + h];
        }

        for (int k = -h; k <= h; k++)
        {
            Assert.Equal(2.0 * expected[k + h] / sum, y[(2 * centre) + k], 1e-12);
        }

        // Nothing outside the filter's support.
        for (int m = 0; m < y.Length; m++)
        {
            if (Math.Abs(m - (2 * centre)) > h)
            {
                Assert.Equal(0.0, y[m]);
            }
        }
    }

    /// <summary>
    /// Known answer: with up = 2 every even output sits on an input sample and only the filter's centre tap meets
    /// it (the other even taps fall on zeros of sinc(k/2)), so y[2n] = x[n]·g₀ with g₀ = 2·(1/2)/Σ, a constant.
    /// </summary>
    [Fact]
    public void Upsampling_by_two_keeps_the_input_samples_on_the_even_outputs()
    {
        var plan = new PolyphaseResampler(2, 1);
        var rng = new Random(7);
        var x = new double[300];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (rng.NextDouble() * 2) - 1;
        }

        var y = new double[plan.OutputLength(x.Length)];
        plan.Process(x, y);
        double g0 = plan.Taps[plan.HalfLength];
        Assert.Equal(1.0, g0, 3e-3);
        for (int n = 0; n < x.Length; n++)
        {
            Assert.Equal(x[n] * g0, y[2 * n], 1e-12);
        }
    }

    [Fact]
    public void Downsampling_by_two_is_the_filter_applied_at_even_input_positions()
    {
        // y[m] = Σ_n x[n]·g[2m − n + h] with g the plan's own taps; checks the indexing and the edges.
        var plan = new PolyphaseResampler(1, 2);
        var rng = new Random(11);
        var x = new double[101];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (rng.NextDouble() * 2) - 1;
        }

        var y = new double[plan.OutputLength(x.Length)];
        plan.Process(x, y);
        Assert.Equal(51, y.Length);
        for (int m = 0; m < y.Length; m++)
        {
            double direct = 0;
            for (int n = 0; n < x.Length; n++)
            {
                int j = (2 * m) - n + plan.HalfLength;
                if (j >= 0 && j < plan.Taps.Length)
                {
                    direct += x[n] * plan.Taps[j];
                }
            }

            Assert.Equal(direct, y[m], 1e-13);
        }
    }

    [Fact]
    public void Float_and_double_paths_agree()
    {
        var plan = new PolyphaseResampler(5, 8);
        var rng = new Random(3);
        var xf = new float[1000];
        for (int i = 0; i < xf.Length; i++)
        {
            xf[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        var yd = new double[plan.OutputLength(xf.Length)];
        plan.Process(xf, yd);
        float[] yf = plan.Process(xf);
        for (int i = 0; i < yd.Length; i++)
        {
            Assert.Equal((float)yd[i], yf[i]);
        }
    }

    [Fact]
    public void The_shared_resampler_converts_a_signal_and_keeps_one_plan_per_ratio()
    {
        var s = new AudioSignal(new float[4800], 48000);
        var r = Resampler.Resample(s, 16000);
        Assert.Equal(16000, r.SampleRate);
        Assert.Equal(1600, r.Length);
        Assert.Same(s, Resampler.Resample(s, 48000));
        Assert.Same(Resampler.PlanFor(48000, 16000), Resampler.PlanFor(48000, 16000));
    }

    private static double I0ByIntegral(double x)
    {
        // Simpson's rule on a smooth periodic integrand converges far below 1e-15 with this many points.
        const int n = 2000;
        double step = Math.PI / n;
        double sum = Math.Exp(x) + Math.Exp(-x);
        for (int i = 1; i < n; i++)
        {
            sum += (i % 2 == 1 ? 4 : 2) * Math.Exp(x * Math.Cos(i * step));
        }

        return sum * step / 3 / Math.PI;
    }
}
