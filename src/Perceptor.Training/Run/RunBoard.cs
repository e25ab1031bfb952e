using Perceptor.Diagnostics.RunLog;
using TorchSharp.Modules;

namespace Perceptor.Training.Run;

/// <summary>
/// The TensorBoard scalars of a run: which record fields are plotted under which tags. Event files are an optional
/// view of <c>metrics.jsonl</c>: a write that fails disables them with a warning instead of stopping the run.
/// </summary>
internal sealed class RunBoard(SummaryWriter writer, Action<string> warn)
{
    private bool _disabled;

    public void Step(StepRecord r)
    {
        Scalar("train/loss_total", r.Loss.Total, r.Step);
        Scalar("train/loss_ri", r.Loss.Ri, r.Step);
        Scalar("train/loss_mag", r.Loss.Mag, r.Step);
        Scalar("train/loss_time", r.Loss.Time, r.Step);
        Scalar("train/loss_gan", r.Loss.Gan, r.Step);
        Scalar("train/disc_loss", r.DiscLoss, r.Step);
        Scalar("train/disc_skipped", r.DiscSkipped ? 1 : 0, r.Step);
        Scalar("train/pesq_mean", r.PesqMean, r.Step);
    }

    public void Balance(GradBalanceRecord r)
    {
        Scalar("balance/gan_share", r.Shares.Gan, r.Step);
        Scalar("balance/mag_share", r.Shares.Mag, r.Step);
    }

    public void Epoch(EpochRecord r)
    {
        Scalar("epoch/loss_total", r.Loss.Total, r.Step);
        Scalar("epoch/disc_loss", r.DiscLoss, r.Step);
        Scalar("epoch/skip_rate", r.SkipRate, r.Step);
        Scalar("epoch/saturated_share", r.SaturatedShare, r.Step);
    }

    public void Eval(EvalRecord r)
    {
        Scalar("eval/pesq", r.Pesq, r.Step);
        Scalar("eval/loss", r.Loss, r.Step);
    }

    public void Calibration(CalibrationRecord r, long step)
    {
        Scalar("calibration/d_clean_clean", r.DCleanClean, step);
        Scalar("calibration/d_clean_enhanced", r.DCleanEnhanced, step);
        Scalar("calibration/pesq_norm", r.PesqNorm, step);
        Scalar("calibration/mae", r.Mae, step);
    }

    private void Scalar(string tag, double? value, long step)
    {
        if (_disabled || value is not { } v || !double.IsFinite(v))
        {
            return;
        }

        try
        {
            writer.add_scalar(tag, (float)v, (int)Math.Min(step, int.MaxValue));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _disabled = true;
            warn($"warning: TensorBoard event files disabled from step {step} ({e.Message}); metrics.jsonl has everything");
        }
    }
}
