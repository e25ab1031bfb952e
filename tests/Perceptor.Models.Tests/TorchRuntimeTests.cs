using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Models.Tests;

[Collection(TorchCollection.Name)]
public class TorchRuntimeTests
{
    [Fact]
    public void The_native_runtime_loads_and_computes()
    {
        using var a = ones(2, 3);
        using var b = a.sum();
        Assert.Equal(6f, b.ToSingleValue());
    }
}
