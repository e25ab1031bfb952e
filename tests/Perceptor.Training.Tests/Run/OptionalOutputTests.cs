using Perceptor.Diagnostics.RunLog;
using Perceptor.Training.Run;
using Perceptor.Training.Tests.Fakes;

namespace Perceptor.Training.Tests;

[Collection(TorchCollection.Name)]
public class OptionalOutputTests
{
    /// <summary>Replaces the TensorBoard folder with a file as soon as the run has started, so every event write fails.</summary>
    private sealed class BreakTensorBoard(string run) : ITrainingListener
    {
        public List<string> Lines { get; } = [];

        public void Message(string line) => Lines.Add(line);

        public void RunStarted(RunStartRecord start, int batchesPerEpoch)
        {
            string board = Path.Combine(run, "tensorboard");
            Directory.Delete(board, recursive: true);
            File.WriteAllText(board, "not a folder");
        }

        public void StepFinished(StepRecord step, int batchesPerEpoch)
        {
        }

        public void EpochFinished(EpochRecord epoch, EvalRecord? eval, CalibrationRecord? calibration)
        {
        }
    }

    [Fact]
    public void Failing_TensorBoard_event_files_warn_once_and_the_run_completes()
    {
        string run = TestRuns.TempDir();
        var listener = new BreakTensorBoard(run);
        var result = TrainingLoop.Run(new TrainingRequest { Config = TestRuns.Config("train.epochs=1"), DataDir = "memory", RunDir = run },
            listener, TestRuns.Hooks(), default);

        Assert.Equal(RunEndReason.Completed, result.Reason);
        Assert.Single(listener.Lines, l => l.StartsWith("warning: TensorBoard event files disabled", StringComparison.Ordinal));
        var log = RunLogReader.Read(Path.Combine(run, "metrics.jsonl"));
        Assert.Equal(3, log.OfType<StepRecord>().Count());
        Assert.Equal(RunEndReason.Completed, Assert.Single(log.OfType<RunEndRecord>()).Reason);
    }
}
