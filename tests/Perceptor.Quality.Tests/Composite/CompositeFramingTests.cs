using Perceptor.Quality.Composite;

namespace Perceptor.Quality.Tests.Composite;

public class CompositeFramingTests
{
    [Theory]
    [InlineData(16000, 480, 120)]
    [InlineData(8000, 240, 60)]
    [InlineData(44100, 1323, 330)]
    public void Frames_are_30_ms_with_a_quarter_hop(int rate, int frame, int hop)
    {
        Assert.Equal(frame, CompositeFraming.FrameLength(rate));
        Assert.Equal(hop, CompositeFraming.Hop(rate));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(479, 0)]
    [InlineData(480, 0)]
    [InlineData(599, 0)]
    [InlineData(600, 1)]
    [InlineData(56000, 462)]
    public void Frame_count_is_floor_of_length_minus_frame_over_hop(int length, int frames)
    {
        Assert.Equal(frames, CompositeFraming.FrameCount(length, 16000));
    }

    [Fact]
    public void The_window_is_hann_without_zero_end_points()
    {
        double[] w = CompositeFraming.Window(480);
        Assert.Equal(0.5 * (1 - Math.Cos(2 * Math.PI / 481)), w[0], 15);
        Assert.Equal(w[0], w[479], 15);
        Assert.True(w.Min() > 0);
        Assert.Equal(1.0, w.Max(), 4);
    }

    [Theory]
    [InlineData(10, 10)] // 9.5 rounds half to even: 10
    [InlineData(30, 28)] // 28.5 -> 28
    [InlineData(50, 48)] // 47.5 -> 48
    [InlineData(20, 19)]
    [InlineData(1, 1)]
    public void The_trimmed_mean_keeps_round_of_95_percent_half_to_even(int n, int kept)
    {
        var values = Enumerable.Range(1, n).Select(v => (double)v).Reverse().ToArray();
        double expected = Enumerable.Range(1, kept).Average();
        Assert.Equal(expected, CompositeFraming.TrimmedMean(values), 12);
    }

    [Fact]
    public void Nan_frames_sort_last_and_are_dropped_only_inside_the_trimmed_share()
    {
        var values = Enumerable.Range(1, 20).Select(v => (double)v).ToArray();
        values[3] = double.NaN; // one NaN in 20: keep 19 of the sorted finite values
        double expected = Enumerable.Range(1, 20).Where(v => v != 4).Take(19).Average();
        Assert.Equal(expected, CompositeFraming.TrimmedMean(values.ToArray()), 12);
        values[5] = double.NaN; // two NaN in 20: one lands in the kept 19
        Assert.True(double.IsNaN(CompositeFraming.TrimmedMean(values)));
        Assert.True(double.IsNaN(CompositeFraming.TrimmedMean(Span<double>.Empty)));
    }
}
