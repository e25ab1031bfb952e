using Perceptor.Diagnostics.RunLog;

namespace Perceptor.Training.Run;

/// <summary>How a training call ended.</summary>
/// <param name="Reason">How it ended, as the <c>run_end</c> record of the run log says.</param>
/// <param name="EpochsCompleted">Whole epochs done in the run so far (across resumes).</param>
/// <param name="Steps">Training steps done in the run so far.</param>
/// <param name="BestPesq">Best eval PESQ so far (null before any evaluation).</param>
/// <param name="BestEpoch">Epoch (1-based) of <paramref name="BestPesq"/>.</param>
/// <param name="LastPesq">Eval PESQ of the last evaluated epoch.</param>
/// <param name="RunDir">The run folder.</param>
/// <param name="Message">A sentence for the user.</param>
public sealed record TrainingResult(RunEndReason Reason, int EpochsCompleted, long Steps, double? BestPesq, int? BestEpoch,
    double? LastPesq, string RunDir, string Message)
{
    /// <summary>
    /// The exit code of a training process that ended so: 0 when the run reached its end (every epoch, or the
    /// collapse watch's early stop as asked), 1 when it diverged (non-finite steps), 130 (the shell's code for
    /// Ctrl+C) when interrupted with a checkpoint written.
    /// </summary>
    public int ExitCode => Reason switch
    {
        RunEndReason.Completed or RunEndReason.EarlyStop => 0,
        RunEndReason.Interrupted => 130,
        _ => 1,
    };
}
