namespace Perceptor.Training.Run;

/// <summary>How a training call ended.</summary>
/// <param name="Reason"><c>completed</c>, <c>early_stop</c>, <c>nonfinite</c> or <c>interrupted</c> (as in <c>run_end</c>).</param>
/// <param name="EpochsCompleted">Whole epochs done in the run so far (across resumes).</param>
/// <param name="Steps">Training steps done in the run so far.</param>
/// <param name="BestPesq">Best eval PESQ so far (null before any evaluation).</param>
/// <param name="BestEpoch">Epoch (1-based) of <paramref name="BestPesq"/>.</param>
/// <param name="LastPesq">Eval PESQ of the last evaluated epoch.</param>
/// <param name="RunDir">The run folder.</param>
/// <param name="Message">A sentence for the user.</param>
public sealed record TrainingResult(string Reason, int EpochsCompleted, long Steps, double? BestPesq, int? BestEpoch,
    double? LastPesq, string RunDir, string Message);
