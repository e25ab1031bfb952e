using static TorchSharp.torch;

namespace Perceptor.Models.Tests;

/// <summary>
/// Every TorchSharp test runs in this collection, one at a time: libtorch's thread pool is shared, dispose-scope
/// statistics are per thread, and the machine has two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
[Perceptor.Tests.SeededTorchRandom]
public sealed class TorchCollection : ICollectionFixture<TorchCollection.SingleThreaded>
{
    public const string Name = "Torch";

    /// <summary>
    /// Runs libtorch on one intra-op thread. The test models are tiny, so threading gains nothing, and on a shared,
    /// loaded two-core machine OpenMP's spinning workers made the same tests about ten times slower.
    /// </summary>
    public sealed class SingleThreaded
    {
        public SingleThreaded() => set_num_threads(1);
    }
}
