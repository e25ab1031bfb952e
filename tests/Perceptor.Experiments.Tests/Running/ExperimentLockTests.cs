using Perceptor.Experiments.Running;
using Perceptor.Training.Runtime;

namespace Perceptor.Experiments.Tests.Running;

public sealed class ExperimentLockTests : IDisposable
{
    private readonly string _root = FakeRuns.TempDir("lock");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class NoTrainer : IRunTrainer
    {
        public void Train(TrainRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("nothing should train while another process holds the output folder");
    }

    [Fact]
    public void A_second_experiment_on_one_output_folder_is_refused_with_the_holders_pid()
    {
        string data = Path.Combine(_root, "data"), output = Path.Combine(_root, "out");
        Directory.CreateDirectory(data);
        using var held = RunLock.Acquire(output, "perceptor experiment");

        var e = Assert.Throws<RunLockedException>(() => ExperimentSession.Run(new ExperimentRequest
        {
            DataDir = data,
            OutDir = output,
            Arms = ["baseline"],
            Seeds = [1],
            Epochs = 1,
        }, TextWriter.Null, new NoTrainer()));

        Assert.Contains($"pid {Environment.ProcessId} (perceptor experiment", e.Message);
        Assert.False(File.Exists(Path.Combine(output, "experiment.json")));
    }
}
