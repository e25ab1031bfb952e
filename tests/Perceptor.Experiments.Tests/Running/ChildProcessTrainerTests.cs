using System.Diagnostics;
using Perceptor.Experiments.Running;

namespace Perceptor.Experiments.Tests.Running;

// The child stands in for `perceptor train` as a bash script.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ChildProcessTrainerTests : IDisposable
{
    private readonly string _root = FakeRuns.TempDir("child");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Cancelling_asks_a_child_that_ignores_sigint_to_stop_instead_of_killing_it_after_the_grace_period()
    {
        // Every process started in the background of a script (`perceptor experiment ... &` in a batch job) inherits
        // SIGINT ignored; the stub ignores it the same way and stops cleanly on SIGTERM, as perceptor train does.
        string ready = Path.Combine(_root, "ready");
        string stopped = Path.Combine(_root, "stopped");
        string stub = Path.Combine(_root, "train-stub");
        File.WriteAllText(stub,
            "trap '' INT\n" +
            $"trap 'echo TERM > \"{stopped}\"; exit 130' TERM\n" +
            $"touch \"{ready}\"\n" +
            "i=0; while (( i++ < 600 )); do sleep 0.1; done\n" +
            "echo finished\n");
        var grace = TimeSpan.FromSeconds(20);
        var trainer = new ChildProcessTrainer("bash", [stub], TextWriter.Null, threadsPerRun: 0, stopGrace: grace);
        var request = new TrainRequest(_root, Path.Combine(_root, "run"), "baseline/seed-1", null, null, ["train.seed=1"], false,
            Path.Combine(_root, "logs", "baseline_seed-1.log"));

        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var training = Task.Run(() => trainer.Train(request, stop.Token));
        while (!File.Exists(ready) && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        Assert.True(File.Exists(ready), "the stub did not start");
        stop.Cancel();
        var first = await Task.WhenAny(training, Task.Delay(TimeSpan.FromSeconds(15)));
        Assert.True(first == training, "the child was not asked to stop with a signal it acts on");
        await training;
        Assert.Equal("TERM", File.ReadAllText(stopped).Trim());
        Assert.True(clock.Elapsed < grace, "the child had to be killed at the end of the grace period");
    }
}
