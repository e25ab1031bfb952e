using Perceptor.Diagnostics.RunLog;

namespace Perceptor.Training.Run;

/// <summary>
/// Receives what the trainer does, for display (progress bars, plain lines). Everything it receives is also in
/// <c>metrics.jsonl</c>; a listener never changes the run.
/// </summary>
public interface ITrainingListener
{
    /// <summary>A line for the user: warnings, <c>[disc stats]</c> lines, notices.</summary>
    void Message(string line);

    /// <summary>The run (re)started; <paramref name="batchesPerEpoch"/> sizes a progress bar.</summary>
    void RunStarted(RunStartRecord start, int batchesPerEpoch);

    /// <summary>A step finished (every step, whether or not it is logged).</summary>
    void StepFinished(StepRecord step, int batchesPerEpoch);

    /// <summary>An epoch finished with its evaluation and calibration when they ran.</summary>
    void EpochFinished(EpochRecord epoch, EvalRecord? eval, CalibrationRecord? calibration);
}
