namespace Perceptor.Training.Tests.Fakes;

/// <summary>TorchSharp tests share native state (threads, the global RNG): they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
[Perceptor.Tests.SeededTorchRandom]
public sealed class TorchCollection
{
    public const string Name = "torch";
}
