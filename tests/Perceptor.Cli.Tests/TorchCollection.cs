namespace Perceptor.Cli.Tests;

/// <summary>Tests that train with TorchSharp share its native state (threads, the global RNG): one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "torch";
}
