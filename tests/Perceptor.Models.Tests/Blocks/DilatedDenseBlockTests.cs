using Perceptor.Models.Blocks;
using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Models.Tests.Blocks;

[Collection(TorchCollection.Name)]
public class DilatedDenseBlockTests
{
    [Fact]
    public void Layer_i_reads_all_earlier_outputs_and_is_dilated_by_two_to_the_i()
    {
        using var block = new DilatedDenseBlock(4, 8);
        var p = block.state_dict();

        for (int i = 0; i < 4; i++)
        {
            Assert.Equal([8L, 8L * (i + 1), 2, 3], p[$"conv{i + 1}.weight"].shape);
            Assert.Equal([8L], p[$"norm{i + 1}.weight"].shape);
            Assert.Equal([8L], p[$"prelu{i + 1}.weight"].shape);
        }
    }

    [Fact]
    public void Time_and_frequency_sizes_are_preserved()
    {
        using var block = new DilatedDenseBlock(4, 3);
        using var scope = NewDisposeScope();
        var x = randn(2, 3, 5, 7);

        var y = block.call(x);

        Assert.Equal([2L, 3, 5, 7], y.shape);
    }
}
