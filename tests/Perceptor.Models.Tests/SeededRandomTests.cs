using Perceptor.Tests;
using static TorchSharp.torch;

namespace Perceptor.Models.Tests;

/// <summary>Every test of the torch collection starts from the same generator state, so its random inputs never vary.</summary>
[Collection(TorchCollection.Name)]
public class SeededRandomTests
{
    [Fact]
    public void A_test_starts_from_the_fixed_seed()
    {
        float[] drawn = rand(8).data<float>().ToArray(); // the first draw of this test

        random.manual_seed(SeededTorchRandomAttribute.Seed);
        Assert.Equal(rand(8).data<float>().ToArray(), drawn);
        random.manual_seed(SeededTorchRandomAttribute.Seed + 1);
        Assert.NotEqual(rand(8).data<float>().ToArray(), drawn);
    }
}
