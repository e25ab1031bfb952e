using System.Globalization;
using Perceptor.Diagnostics.RunLog;
using static TorchSharp.torch;

namespace Perceptor.Training.Run;

/// <summary>
/// Everything a run reports goes through here: <c>metrics.jsonl</c> (every record, flushed), the TensorBoard
/// scalars when enabled, and the listener (lines for the user, progress). The loop decides what happened; the
/// recorder decides where it is written.
/// </summary>
internal sealed class RunRecorder : IDisposable
{
    private readonly RunLogWriter _log;
    private readonly RunBoard? _board;
    private readonly ITrainingListener? _listener;

    private RunRecorder(RunLogWriter log, RunBoard? board, ITrainingListener? listener)
    {
        _log = log;
        _board = board;
        _listener = listener;
    }

    /// <summary>Opens the run log of <paramref name="folder"/> for appending and, when asked, its TensorBoard event files.</summary>
    public static RunRecorder Open(RunFolder folder, bool tensorBoard, ITrainingListener? listener)
    {
        var log = new RunLogWriter(folder.MetricsPath);
        RunBoard? board = null;
        if (tensorBoard)
        {
            try
            {
                board = new RunBoard(utils.tensorboard.SummaryWriter(folder.TensorBoardDir, createRunName: false), line => listener?.Message(line));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                listener?.Message($"warning: TensorBoard event files disabled ({e.Message})");
            }
        }

        return new RunRecorder(log, board, listener);
    }

    /// <summary>A line for the user.</summary>
    public void Say(string line) => _listener?.Message(line);

    public void Started(RunStartRecord start, int batchesPerEpoch)
    {
        _log.Write(start);
        _listener?.RunStarted(start, batchesPerEpoch);
    }

    /// <summary>A step that is logged (every <c>log.every</c> steps and every non-finite one).</summary>
    public void Step(StepRecord step)
    {
        _log.Write(step);
        _board?.Step(step);
    }

    /// <summary>Every step, logged or not, for progress display.</summary>
    public void StepFinished(StepRecord step, int batchesPerEpoch) => _listener?.StepFinished(step, batchesPerEpoch);

    public void Balance(GradBalanceRecord balance)
    {
        _log.Write(balance);
        _board?.Balance(balance);
    }

    public void DiscStats(DiscStatsRecord stats)
    {
        _log.Write(stats);
        Say(string.Create(CultureInfo.InvariantCulture, $"[disc stats] epoch {stats.Epoch}: trained {stats.Trained}/{stats.Total} ({stats.Percent:0.0}%)"));
    }

    public void Epoch(EpochRecord epoch)
    {
        _log.Write(epoch);
        _board?.Epoch(epoch);
    }

    public void Eval(EvalRecord eval)
    {
        _log.Write(eval);
        _board?.Eval(eval);
    }

    public void Calibration(CalibrationRecord calibration, long step)
    {
        _log.Write(calibration);
        _board?.Calibration(calibration, step);
    }

    public void Collapse(CollapseRecord collapse, string message)
    {
        _log.Write(collapse);
        Say(message);
    }

    public void Checkpoint(CheckpointRecord checkpoint) => _log.Write(checkpoint);

    public void EpochFinished(EpochRecord epoch, EvalRecord? eval, CalibrationRecord? calibration) =>
        _listener?.EpochFinished(epoch, eval, calibration);

    public void End(RunEndRecord end, string message)
    {
        _log.Write(end);
        Say(message);
    }

    public void Dispose() => _log.Dispose();
}
