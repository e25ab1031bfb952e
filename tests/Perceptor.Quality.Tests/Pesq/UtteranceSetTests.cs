using Perceptor.Quality.Pesq;

namespace Perceptor.Quality.Tests.Pesq;

public class UtteranceSetTests
{
    [Theory]
    [InlineData(new[] { 75, 300, 700 })]
    [InlineData(new[] { 75, 500, 400, 900 })]
    [InlineData(new[] { 200, 100 })]
    [InlineData(new[] { 75 })]
    public void Delay_segments_follow_the_last_started_utterance_rule_at_every_sample(int[] starts)
    {
        var set = new UtteranceSet();
        for (int u = 0; u < starts.Length; u++)
        {
            int i = set.Add(0, 0, starts[u], starts[u] + 10);
            set.Delay[i] = (u + 1) * 100;
        }

        const int window = 32;
        var segments = new (int Start, int Delay)[starts.Length + 1];
        int count = set.DelaySegments(window, segments);
        for (int sample = 0; sample < 1000 * window; sample += 7)
        {
            int k = count - 1;
            while (segments[k].Start > sample)
            {
                k--;
            }

            Assert.Equal(set.DelayAt(sample, window), segments[k].Delay);
        }
    }

    [Fact]
    public void Opening_a_slot_shifts_later_utterances_right()
    {
        var set = new UtteranceSet();
        set.Add(1, 2, 3, 4);
        set.Add(5, 6, 7, 8);
        set.OpenSlotAfter(0);
        Assert.Equal(3, set.Count);
        Assert.Equal(7, set.Start[2]);
        Assert.Equal(8, set.End[2]);
    }
}
