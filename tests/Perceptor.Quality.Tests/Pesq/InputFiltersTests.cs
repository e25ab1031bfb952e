using Perceptor.Quality.Pesq;

namespace Perceptor.Quality.Tests.Pesq;

public class InputFiltersTests
{
    /// <summary>The pipelined two-buffer cascade gives exactly the section-by-section result on each buffer.</summary>
    [Theory]
    [InlineData(1, 1, false)]
    [InlineData(1000, 700, false)]
    [InlineData(333, 4096, false)]
    [InlineData(777, 777, true)]
    [InlineData(2049, 17, true)]
    public void CascadePair_is_bit_identical_to_Cascade_on_each_buffer(int firstLength, int secondLength, bool narrowband)
    {
        var sections = narrowband ? InputCascades.Rate8k : InputCascades.Rate16k;
        var rng = new Random(firstLength + (31 * secondLength));
        float[] Signal(int n)
        {
            var s = new float[n + InputFilters.CascadeSlack];
            for (int i = 0; i < n; i++)
            {
                s[i] = (float)((rng.NextDouble() - 0.5) * 2e4);
            }

            return s;
        }

        var first = Signal(firstLength);
        var second = Signal(secondLength);
        var firstExpected = first[..firstLength];
        var secondExpected = second[..secondLength];
        InputFilters.Cascade(firstExpected, sections);
        InputFilters.Cascade(secondExpected, sections);
        InputFilters.CascadePair(first, firstLength, second, secondLength, sections);
        Assert.Equal(firstExpected.Select(BitConverter.SingleToInt32Bits), first[..firstLength].Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(secondExpected.Select(BitConverter.SingleToInt32Bits), second[..secondLength].Select(BitConverter.SingleToInt32Bits));
    }
}
