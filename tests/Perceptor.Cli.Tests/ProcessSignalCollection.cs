namespace Perceptor.Cli.Tests;

/// <summary>
/// Tests that send a signal to the test host itself: any command running beside them would take the signal as its own
/// stop request (and return 130), so they run alone, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessSignalCollection
{
    public const string Name = "process signals";
}
