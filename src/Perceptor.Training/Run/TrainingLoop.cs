using System.Globalization;
using Perceptor.Diagnostics.RunLog;
using Perceptor.Training.Config;
using Perceptor.Training.Probes;
using Perceptor.Training.Step;

namespace Perceptor.Training.Run;

/// <summary>
/// The training loop: epochs of <see cref="MetricGanStep"/> iterations over a <see cref="TrainingSession"/>, driven
/// by an immutable <see cref="RunStanding"/>, with the epoch's evaluation, calibration, collapse watch and
/// checkpoints. Writes the run folder (docs/run-log.md): <c>config.json</c>, <c>env.json</c>, <c>metrics.jsonl</c>,
/// <c>checkpoints/</c>, <c>tensorboard/</c>.
/// <code>
/// var config = ConfigLoader.Load("voicebank", null, ["pesq.failures=skip-batch"]);
/// var result = TrainingLoop.Run(new TrainingRequest { Config = config, DataDir = "data", RunDir = "runs/a" });
/// // continue, e.g. after a kill or with more epochs:
/// var more = TrainingSetup.ResolveConfig("runs/a", resume: true, null, null, ["train.epochs=200"]);
/// TrainingLoop.Run(new TrainingRequest { Config = more, DataDir = "data", RunDir = "runs/a", Resume = true });
/// </code>
/// </summary>
public sealed class TrainingLoop
{
    private readonly TrainingSession _session;
    private readonly RunCheckpoints _checkpoints;
    private readonly RunRecorder _recorder;
    private bool _noisyScored;

    private TrainingLoop(TrainingSession session)
    {
        _session = session;
        _checkpoints = new RunCheckpoints(session);
        _recorder = session.Recorder;
    }

    private TrainingConfig Config => _session.Config;

    private int BatchesPerEpoch => _session.Sampler.BatchesPerEpoch;

    /// <summary>
    /// Trains (or, with <see cref="TrainingRequest.Resume"/>, continues) until the configured epochs are done, the
    /// collapse watch stops it (when asked to), too many non-finite steps occur, or <paramref name="cancellationToken"/>
    /// fires (a checkpoint is then written at the current batch). Errors in the data, the config or a checkpoint are
    /// thrown with the file named; nothing already written is lost.
    /// </summary>
    public static TrainingResult Run(TrainingRequest request, ITrainingListener? listener = null, CancellationToken cancellationToken = default) =>
        Run(request, listener, TrainingHooks.Default, cancellationToken);

    internal static TrainingResult Run(TrainingRequest request, ITrainingListener? listener, TrainingHooks hooks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var session = SessionSetup.Open(request, listener, hooks);
        return new TrainingLoop(session).Execute(session.Start, cancellationToken);
    }

    private TrainingResult Execute(RunStanding standing, CancellationToken ct)
    {
        _recorder.Started(StartRecord(standing.Position), BatchesPerEpoch);
        if (standing.Position.Epoch >= Config.Train.Epochs)
        {
            return End(RunEndReason.Completed, standing, $"the run has already finished {standing.Position.Epoch} epochs; raise train.epochs to continue it");
        }

        while (standing.Position.Epoch < Config.Train.Epochs)
        {
            _session.Iteration.SetEpoch(standing.Position.Epoch);
            while (standing.Position.Batch < BatchesPerEpoch)
            {
                var at = standing.Position;
                if (ct.IsCancellationRequested)
                {
                    _checkpoints.Write(standing, best: false);
                    return End(RunEndReason.Interrupted, standing, $"interrupted at epoch {at.Epoch + 1}, batch {at.Batch + 1}; checkpoint written, continue with --resume");
                }

                var outcome = _session.Iteration.Run(_session.Sampler.Get(at.Epoch, at.Batch), ShouldProbeBalance(at.Step + 1));
                standing = standing.AfterStep(outcome);
                Record(outcome, standing);
                if (outcome.Nonfinite && standing.ConsecutiveNonfinite >= Config.Train.NonfiniteLimit)
                {
                    return End(RunEndReason.Nonfinite, standing, $"{standing.ConsecutiveNonfinite} non-finite steps in a row at epoch {at.Epoch + 1}, step {standing.Position.Step} (train.nonfiniteLimit); " +
                        $"stopped. The last good checkpoint is {_session.Folder.LastCheckpoint}: lower optim.genLr/discLr or set optim.gradClip, then --resume");
                }

                standing = standing.NextBatch();
                long step = standing.Position.Step;
                if (Config.Checkpoint.EverySteps > 0 && step % Config.Checkpoint.EverySteps == 0 && standing.Position.Batch < BatchesPerEpoch)
                {
                    _checkpoints.Write(standing, best: false);
                }
            }

            (standing, string? stop) = FinishEpoch(standing);
            if (stop is not null)
            {
                return End(RunEndReason.EarlyStop, standing, stop);
            }
        }

        return End(RunEndReason.Completed, standing, $"finished {Config.Train.Epochs} epochs, {standing.Position.Step} steps" +
            (standing.BestPesq is { } b ? $"; best eval PESQ {b:0.000} at epoch {standing.BestEpoch}" : ""));
    }

    private RunStartRecord StartRecord(RunPosition at) => new()
    {
        Run = Path.GetFileName(_session.Folder.Root),
        Resumed = _session.Resumed,
        Epoch = at.Epoch + 1,
        Step = at.Step,
        Seed = Config.Train.Seed,
        Preset = _session.Preset.Name,
        PesqFailures = ConfigKeys.EnumText(Config.Pesq.Failures.ToString()),
        GenLr = Config.Optim.GenLr,
        DiscLr = Config.Optim.DiscLr,
        LossWeights = new TermValues(Config.Loss.RiWeight, Config.Loss.MagWeight, Config.Loss.TimeWeight, Config.Loss.GanWeight),
        BatchSize = Config.Train.BatchSize,
        CropSeconds = Config.CropSamples / 16000.0,
        EvalMethod = ConfigKeys.EnumText(Config.Eval.Method.ToString()),
    };

    /// <summary>Whether step number <paramref name="step"/> (1-based) runs the loss-balance probe.</summary>
    private bool ShouldProbeBalance(long step) => Config.Probe.GradBalanceEvery > 0 && step % Config.Probe.GradBalanceEvery == 0;

    /// <summary>Logs the step just taken (<paramref name="standing"/> counts it; its batch is still the one that ran).</summary>
    private void Record(StepOutcome outcome, RunStanding standing)
    {
        var at = standing.Position;
        var step = outcome.ToRecord(at.Epoch + 1, at.Step, at.Batch + 1, _session.Iteration.LrGen, _session.Iteration.LrDisc);
        if (at.Step % Config.Log.Every == 0 || outcome.Nonfinite)
        {
            _recorder.Step(step);
        }

        if (outcome.GradBalance is { } norms)
        {
            _recorder.Balance(new GradBalanceRecord { Epoch = at.Epoch + 1, Step = at.Step, Norms = norms, Shares = GradientShares.Of(norms) });
        }

        if ((at.Batch + 1) % Config.Log.DiscStatsEvery == 0)
        {
            _recorder.DiscStats(standing.Tally.ToDiscStats(at.Epoch + 1, at.Step));
        }

        _recorder.StepFinished(step, BatchesPerEpoch);
    }

    /// <summary>
    /// Epoch record, evaluation, calibration, collapse watch and the epoch's checkpoint. Returns the standing at the
    /// start of the next epoch and, for an early stop, its message.
    /// </summary>
    private (RunStanding Next, string? Stop) FinishEpoch(RunStanding standing)
    {
        var at = standing.Position;
        int epoch = at.Epoch + 1;
        var epochRecord = standing.Tally.ToRecord(epoch, at.Step, _session.Iteration.LrGen, _session.Iteration.LrDisc);
        _recorder.Epoch(epochRecord);

        EvalRecord? eval = null;
        CalibrationRecord? calibration = null;
        string? stop = null;
        double? lastPesq = standing.LastPesq;
        bool evaluate = epoch % Config.Eval.Every == 0 || epoch == Config.Train.Epochs;
        if (evaluate)
        {
            eval = _session.Evaluator.Evaluate(_session.EvalClips, epoch, at.Step, scoreNoisy: !_noisyScored);
            _noisyScored = true;
            _recorder.Eval(eval);
            lastPesq = eval.Pesq;
            if (_session.ProbeClips.Count > 0)
            {
                calibration = CalibrationProbe.Run(_session.Iteration.Models, _session.ProbeClips, Config.Train.BatchSize, _session.Scorer, epoch);
                _recorder.Calibration(calibration, at.Step);
            }

            if (eval.Pesq is { } pesq && double.IsFinite(epochRecord.Loss.Total))
            {
                stop = WatchCollapse(new EpochScore(epoch, pesq, epochRecord.Loss.Total));
            }
        }

        bool better = eval?.Pesq is { } p && (standing.BestPesq is null || p > standing.BestPesq);
        var next = standing.NextEpoch() with
        {
            BestPesq = better ? eval!.Pesq : standing.BestPesq,
            BestEpoch = better ? epoch : standing.BestEpoch,
            LastPesq = lastPesq,
        };
        // A new best and an early stop happen only at evaluated epochs, and the final epoch is always evaluated.
        if (evaluate || epoch % Config.Checkpoint.EveryEpochs == 0)
        {
            _checkpoints.Write(next, best: better);
        }

        _recorder.EpochFinished(epochRecord, eval, calibration);
        return (next, stop);
    }

    /// <summary>Adds an evaluated epoch to the collapse watch; returns the stop message when it asks for an early stop.</summary>
    private string? WatchCollapse(EpochScore score)
    {
        var verdict = _session.Collapse.Add(score);
        if (verdict is null)
        {
            return null;
        }

        string action = Config.Collapse.EarlyStop ? "early_stop" : "none";
        string text = string.Create(CultureInfo.InvariantCulture,
            $"collapse: eval PESQ {verdict.Pesq:0.000} is {verdict.Drop:0.000} below its peak {verdict.PeakPesq:0.000} (epoch {verdict.PeakEpoch}) for {Config.Collapse.Epochs} evaluated epochs while the training loss fell");
        _recorder.Collapse(new CollapseRecord
        {
            Epoch = verdict.Epoch, PeakEpoch = verdict.PeakEpoch, PeakPesq = verdict.PeakPesq, Pesq = verdict.Pesq, Drop = verdict.Drop, Action = action,
        }, text);
        return Config.Collapse.EarlyStop ? text + "; stopped early (collapse.earlyStop), best checkpoint kept" : null;
    }

    private TrainingResult End(RunEndReason reason, RunStanding standing, string message)
    {
        var at = standing.Position;
        _recorder.End(new RunEndRecord { Reason = reason, Epoch = at.LoggedEpoch, Step = at.Step }, message);
        return new TrainingResult(reason, at.Epoch, at.Step, standing.BestPesq, standing.BestEpoch, standing.LastPesq, _session.Folder.Root, message);
    }
}
