using Perceptor.Models.Blocks;
using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Models.Tests.Blocks;

[Collection(TorchCollection.Name)]
public class SubPixelConv2dTests
{
    [Fact]
    public void Channel_group_k_becomes_every_second_bin_starting_at_k()
    {
        const int channels = 3;
        using var subPixel = new SubPixelConv2d(channels, 2);
        using var scope = NewDisposeScope();
        var x = randn(2, channels, 4, 5); // [B, C, T, F]
        var p = subPixel.state_dict();

        var output = subPixel.call(x); // [B, C, T, 2F]
        var conv = nn.functional.conv2d(x, p["conv.weight"], p["conv.bias"], padding: [0, 1]); // [B, 2C, T, F]

        Assert.Equal([2L, channels, 4, 10], output.shape);
        for (int k = 0; k < 2; k++)
        {
            var bins = output[.., .., .., TensorIndex.Slice(k, null, 2)]; // out[c, t, 2f + k]
            var group = conv.narrow(1, k * channels, channels); // conv[k·C + c, t, f]
            Assert.True(bins.allclose(group, rtol: 1e-5, atol: 1e-6));
        }
    }
}
