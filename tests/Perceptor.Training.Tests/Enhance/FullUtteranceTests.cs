using Perceptor.Training.Enhance;

namespace Perceptor.Training.Tests.Enhance;

public class FullUtteranceTests
{
    [Theory]
    [InlineData(32000, 256000, 1)]
    [InlineData(256000, 256000, 1)]
    [InlineData(256100, 256000, 2)]
    [InlineData(700000, 256000, 4)] // ⌈2.73⌉ = 3 does not divide 100 → 4
    [InlineData(1800000, 256000, 10)] // 8 → 10
    public void Chunk_counts_follow_the_reference_rule(int padded, int limit, int expected)
    {
        int k = FullUtterance.ChunkCount(padded, limit);
        Assert.Equal(expected, k);
        Assert.Equal(0, padded % k);
        Assert.True(padded / k <= limit);
    }

    [Fact]
    public void Padding_wraps_the_files_own_start()
    {
        float[] x = [1, 2, 3, 4, 5];
        Assert.Equal(100, FullUtterance.PaddedLength(5));
        var padded = FullUtterance.WrapPad(x, 12);
        Assert.Equal([1f, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2], padded);
        Assert.Equal(16100, FullUtterance.PaddedLength(16001));
        Assert.Equal(16000, FullUtterance.PaddedLength(16000));
    }
}
