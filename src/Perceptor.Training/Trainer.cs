using System.Globalization;
using Perceptor.Diagnostics.RunLog;
using Perceptor.Training.Checkpoints;
using Perceptor.Training.Config;
using Perceptor.Training.Data;
using Perceptor.Training.Probes;
using Perceptor.Training.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Perceptor.Training;

/// <summary>
/// Trains a CMGAN-style generator against a metric discriminator and writes the run folder (docs/run-log.md):
/// <c>config.json</c>, <c>env.json</c>, <c>metrics.jsonl</c>, <c>checkpoints/</c>, <c>tensorboard/</c>.
/// <code>
/// var config = ConfigLoader.Load("voicebank", null, ["pesq.failures=skip-batch"]);
/// var result = Trainer.Run(new TrainingRequest { Config = config, DataDir = "data", RunDir = "runs/a" });
/// // continue, e.g. after a kill or with more epochs:
/// var more = TrainingSetup.ResolveConfig("runs/a", resume: true, null, null, ["train.epochs=200"]);
/// Trainer.Run(new TrainingRequest { Config = more, DataDir = "data", RunDir = "runs/a", Resume = true });
/// </code>
/// </summary>
public sealed class Trainer : IDisposable
{
    private readonly TrainingRequest _request;
    private readonly TrainingConfig _config;
    private readonly ITrainingListener? _listener;
    private readonly TrainerHooks _hooks;
    private readonly RunFolder _folder;
    private readonly List<IDisposable> _owned = [];
    private RunLogWriter? _log;
    private SummaryWriter? _board;
    private TrainingEngine? _engine;
    private Evaluator? _evaluator;
    private BatchSampler? _sampler;
    private EvalSet? _evalSet;
    private IReadOnlyList<ClipPair> _evalClips = [];
    private IReadOnlyList<ClipPair> _probeClips = [];
    private PesqBatchScorer? _scorer;
    private CollapseWatch? _collapse;

    // Where training stands (what a checkpoint records).
    private int _epoch;
    private int _batch;
    private long _step;
    private double? _bestPesq;
    private int? _bestEpoch;
    private double? _lastPesq;
    private int _consecutiveNonfinite;
    private EpochTally _tally = new();

    private Trainer(TrainingRequest request, ITrainingListener? listener, TrainerHooks hooks)
    {
        _request = request;
        _config = request.Config;
        _listener = listener;
        _hooks = hooks;
        _folder = new RunFolder(request.RunDir);
    }

    /// <summary>
    /// Trains (or, with <see cref="TrainingRequest.Resume"/>, continues) until the configured epochs are done, the
    /// collapse watch stops it (when asked to), too many non-finite steps occur, or <paramref name="cancellationToken"/>
    /// fires (a checkpoint is then written at the current batch). Errors in the data, the config or a checkpoint are
    /// thrown with the file named; nothing already written is lost.
    /// </summary>
    public static TrainingResult Run(TrainingRequest request, ITrainingListener? listener = null, CancellationToken cancellationToken = default) =>
        Run(request, listener, TrainerHooks.Default, cancellationToken);

    internal static TrainingResult Run(TrainingRequest request, ITrainingListener? listener, TrainerHooks hooks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var trainer = new Trainer(request, listener, hooks);
        return trainer.Execute(cancellationToken);
    }

    private TrainingResult Execute(CancellationToken ct)
    {
        // Before anything loads libtorch (a resumed checkpoint is read with it): OpenMP reads its wait policy once.
        var tuning = CpuTuning.Apply();
        Checkpoint? checkpoint = Prepare();
        var device = DeviceSelection.Resolve(_config.Runtime.Device);
        if (_config.Runtime.Threads > 0)
        {
            set_num_threads(_config.Runtime.Threads);
        }

        // Weights are seeded; a resumed run then replaces them and the generator state from the checkpoint.
        random.manual_seed(_config.Train.Seed);
        var preset = _config.Model.Resolve();
        if (checkpoint is not null && (checkpoint.Preset.Generator != preset.Generator || checkpoint.Preset.Discriminator != preset.Discriminator))
        {
            throw new ConfigException($"{checkpoint.Path}: the checkpoint holds {checkpoint.Preset.Name} networks ({checkpoint.Preset.Generator}, {checkpoint.Preset.Discriminator}), " +
                $"the config asks for {preset.Name} ({preset.Generator}, {preset.Discriminator}); model.* cannot change on resume");
        }

        LoadData();
        _scorer = _hooks.CreateScorer(_config.Pesq.Threads);
        _engine = new TrainingEngine(_hooks.CreateModels(preset, device), _config, _scorer);
        _owned.Add(_engine);
        _evaluator = new Evaluator(_engine.Models, _config, _scorer);
        _owned.Add(_evaluator);
        _collapse = new CollapseWatch(_hooks.CollapseRule, _config.Collapse.Drop, _config.Collapse.Epochs);
        if (checkpoint is not null)
        {
            Restore(checkpoint);
        }

        RunFolder.WriteTextAtomic(_folder.ConfigPath, ConfigLoader.ToJson(_config));
        TrainingSetup.WriteEnvironment(_folder, _request, _config.Runtime.Device, get_num_threads(), checkpoint is not null, tuning);
        _log = new RunLogWriter(_folder.MetricsPath);
        _owned.Add(_log);
        OpenTensorBoard();

        var start = new RunStartRecord
        {
            Run = Path.GetFileName(_folder.Root),
            Resumed = checkpoint is not null,
            Epoch = _epoch + 1,
            Step = _step,
            Seed = _config.Train.Seed,
            Preset = preset.Name,
            PesqFailures = ConfigKeys.EnumText(_config.Pesq.Failures.ToString()),
            GenLr = _config.Optim.GenLr,
            DiscLr = _config.Optim.DiscLr,
            LossWeights = new TermValues(_config.Loss.RiWeight, _config.Loss.MagWeight, _config.Loss.TimeWeight, _config.Loss.GanWeight),
            BatchSize = _config.Train.BatchSize,
            CropSeconds = _config.CropSamples / 16000.0,
            EvalMethod = ConfigKeys.EnumText(_config.Eval.Method.ToString()),
        };
        _log.Write(start);
        _listener?.RunStarted(start, _sampler!.BatchesPerEpoch);
        if (_epoch >= _config.Train.Epochs)
        {
            return End("completed", $"the run has already finished {_epoch} epochs; raise train.epochs to continue it");
        }

        return Loop(ct);
    }

    private Checkpoint? Prepare()
    {
        Directory.CreateDirectory(_folder.Root);
        if (!_request.Resume)
        {
            if (File.Exists(_folder.LastCheckpoint) || File.Exists(_folder.MetricsPath))
            {
                throw new InvalidOperationException($"{_folder.Root}: already holds a run (metrics.jsonl or checkpoints/last.ckpt); use --resume to continue it or choose another --run folder");
            }

            return null;
        }

        if (!File.Exists(_folder.LastCheckpoint))
        {
            Say($"{_folder.LastCheckpoint}: no checkpoint yet; starting the run from the beginning");
            return null;
        }

        return CheckpointFile.Read(_folder.LastCheckpoint);
    }

    private void LoadData()
    {
        int crop = _config.CropSamples;
        TrainingSet train;
        if (_hooks.LoadData is { } load)
        {
            (train, _evalSet) = load(_config, _request.DataDir, _listener);
        }
        else
        {
            string cacheDir = string.IsNullOrEmpty(_config.Data.CacheDir) ? Path.Combine(_request.DataDir, ".perceptor-cache") : _config.Data.CacheDir;
            var store = new AudioStore(cacheDir);
            var trainScan = PairScan.Scan(_request.DataDir, "train").Spread(_config.Data.TrainFiles);
            var testScan = PairScan.Scan(_request.DataDir, "test");
            Say($"data: {trainScan.Pairs.Count} training pairs, {testScan.Pairs.Count} test pairs in {Path.GetFullPath(_request.DataDir)}; checking them");
            train = TrainingSet.Open(trainScan, store);
            _evalSet = EvalSet.Load(testScan, store, _config.Eval.MaxFiles);
            foreach (string warning in train.Warnings.Concat(_evalSet.Warnings).Distinct())
            {
                Say("warning: " + warning);
            }

            if (store.CacheWarning is { } cacheWarning)
            {
                Say("warning: " + cacheWarning);
            }
        }

        _sampler = new BatchSampler(train, _config.Train.BatchSize, crop, _config.Train.Seed, _config.Train.MaxBatches,
            _config.Data.SpeechAwareCrops, _config.Data.MinSpeechFraction, _config.Data.CropAttempts);
        _evalClips = _config.Eval.Method == EvalMethod.FixedCrops ? _evalSet.FixedCrops(crop) : _evalSet.Clips;
        _probeClips = _config.Probe.CalibrationClips > 0 ? _evalSet.ProbeClips(_config.Probe.CalibrationClips, crop) : [];
        Say($"data: {train.Count} usable training pairs, {_sampler.BatchesPerEpoch} batches of {_config.Train.BatchSize} per epoch; " +
            $"{_evalClips.Count} eval files ({ConfigKeys.EnumText(_config.Eval.Method.ToString())}); {_probeClips.Count} probe clips");
    }

    private void Restore(Checkpoint checkpoint)
    {
        var s = checkpoint.State;
        checkpoint.LoadGenerator(_engine!.Models.Generator);
        checkpoint.LoadDiscriminator(_engine.Models.Discriminator);
        checkpoint.LoadOptimizers(_engine.GenOptimizer, _engine.DiscOptimizer);
        checkpoint.RestoreRng();
        _epoch = s.Epoch;
        _batch = s.Batch;
        _step = s.Step;
        _bestPesq = s.BestPesq;
        _bestEpoch = s.BestEpoch;
        _lastPesq = s.PesqHistory.Count > 0 ? s.PesqHistory[^1].Pesq : null;
        _consecutiveNonfinite = s.ConsecutiveNonfinite;
        _tally = s.Tally ?? new EpochTally();
        _collapse!.Restore(s.PesqHistory, s.InCollapse);
        if (_batch >= _sampler!.BatchesPerEpoch && _batch > 0)
        {
            throw new ConfigException($"{checkpoint.Path}: written at batch {_batch} of epoch {_epoch + 1}, but an epoch now has {_sampler.BatchesPerEpoch} batches; " +
                "train.batchSize, train.maxBatches and the data must stay as they were to resume inside an epoch");
        }

        Say($"resuming {_folder.Root} at epoch {_epoch + 1}, batch {_batch + 1}, step {_step}" +
            (_bestPesq is { } b ? $" (best eval PESQ {b:0.000} at epoch {_bestEpoch})" : ""));
    }

    private TrainingResult Loop(CancellationToken ct)
    {
        bool noisyScored = false;
        for (; _epoch < _config.Train.Epochs; _epoch++)
        {
            _engine!.SetEpoch(_epoch);
            for (; _batch < _sampler!.BatchesPerEpoch; _batch++)
            {
                if (ct.IsCancellationRequested)
                {
                    WriteCheckpoint(best: false);
                    return End("interrupted", $"interrupted at epoch {_epoch + 1}, batch {_batch + 1}; checkpoint written, continue with --resume");
                }

                var outcome = _engine.Step(_sampler.Get(_epoch, _batch), ShouldProbeBalance());
                _step++;
                _tally.Add(outcome);
                Record(outcome);
                if (outcome.Nonfinite)
                {
                    if (++_consecutiveNonfinite >= _config.Train.NonfiniteLimit)
                    {
                        return End("nonfinite", $"{_consecutiveNonfinite} non-finite steps in a row at epoch {_epoch + 1}, step {_step} (train.nonfiniteLimit); " +
                            $"stopped. The last good checkpoint is {_folder.LastCheckpoint}: lower optim.genLr/discLr or set optim.gradClip, then --resume");
                    }
                }
                else
                {
                    _consecutiveNonfinite = 0;
                }

                if (_config.Checkpoint.EverySteps > 0 && _step % _config.Checkpoint.EverySteps == 0 && _batch + 1 < _sampler.BatchesPerEpoch)
                {
                    _batch++;
                    WriteCheckpoint(best: false);
                    _batch--;
                }
            }

            var stop = FinishEpoch(ref noisyScored);
            _batch = 0;
            _tally = new EpochTally();
            if (stop is not null)
            {
                _epoch++;
                return End("early_stop", stop);
            }
        }

        return End("completed", $"finished {_config.Train.Epochs} epochs, {_step} steps" +
            (_bestPesq is { } b ? $"; best eval PESQ {b:0.000} at epoch {_bestEpoch}" : ""));
    }

    private bool ShouldProbeBalance() => _config.Probe.GradBalanceEvery > 0 && (_step + 1) % _config.Probe.GradBalanceEvery == 0;

    private void Record(StepOutcome o)
    {
        var step = new StepRecord
        {
            Epoch = _epoch + 1,
            Step = _step,
            Batch = _batch + 1,
            Loss = o.Loss,
            DiscLoss = o.DiscLoss,
            DiscSkipped = o.DiscSkipped,
            SkipReason = o.SkipReason,
            Clips = o.Clips,
            ClipsScored = o.ClipsScored,
            ClipsFailed = o.ClipsFailed,
            PesqMean = o.PesqMean,
            LrGen = _engine!.LrGen,
            LrDisc = _engine.LrDisc,
            StepSeconds = o.Seconds,
            GradNormGen = o.GradNormGen,
            GradNormDisc = o.GradNormDisc,
            Nonfinite = o.Nonfinite,
        };
        if (_step % _config.Log.Every == 0 || o.Nonfinite)
        {
            _log!.Write(step);
            Board("train/loss_total", o.Loss.Total);
            Board("train/loss_ri", o.Loss.Ri);
            Board("train/loss_mag", o.Loss.Mag);
            Board("train/loss_time", o.Loss.Time);
            Board("train/loss_gan", o.Loss.Gan);
            Board("train/disc_loss", o.DiscLoss);
            Board("train/disc_skipped", o.DiscSkipped ? 1 : 0);
            Board("train/pesq_mean", o.PesqMean);
        }

        if (o.GradBalance is { } norms)
        {
            double sum = norms.Ri + norms.Mag + norms.Time + norms.Gan;
            var shares = sum > 0 ? new TermValues(norms.Ri / sum, norms.Mag / sum, norms.Time / sum, norms.Gan / sum) : new TermValues(0, 0, 0, 0);
            _log!.Write(new GradBalanceRecord { Epoch = _epoch + 1, Step = _step, Norms = norms, Shares = shares });
            Board("balance/gan_share", shares.Gan);
            Board("balance/mag_share", shares.Mag);
        }

        if ((_batch + 1) % _config.Log.DiscStatsEvery == 0)
        {
            int total = _tally.Batches;
            var stats = new DiscStatsRecord
            {
                Epoch = _epoch + 1, Step = _step, Trained = _tally.DiscSteps, Total = total, Skipped = _tally.DiscSkipped,
                Percent = total > 0 ? 100.0 * _tally.DiscSteps / total : 0,
            };
            _log!.Write(stats);
            Say(string.Create(CultureInfo.InvariantCulture, $"[disc stats] epoch {stats.Epoch}: trained {stats.Trained}/{stats.Total} ({stats.Percent:0.0}%)"));
        }

        _listener?.StepFinished(step, _sampler!.BatchesPerEpoch);
    }

    /// <summary>Epoch record, evaluation, calibration, collapse watch, checkpoints. Returns a stop message for early stop.</summary>
    private string? FinishEpoch(ref bool noisyScored)
    {
        int epoch = _epoch + 1;
        var epochRecord = _tally.ToRecord(epoch, _step, _engine!.LrGen, _engine.LrDisc);
        _log!.Write(epochRecord);
        Board("epoch/loss_total", epochRecord.Loss.Total);
        Board("epoch/disc_loss", epochRecord.DiscLoss);
        Board("epoch/skip_rate", epochRecord.SkipRate);
        Board("epoch/saturated_share", epochRecord.SaturatedShare);

        EvalRecord? eval = null;
        CalibrationRecord? calibration = null;
        string? stop = null;
        bool evaluate = epoch % _config.Eval.Every == 0 || epoch == _config.Train.Epochs;
        if (evaluate)
        {
            eval = _evaluator!.Evaluate(_evalClips, epoch, _step, scoreNoisy: !noisyScored);
            noisyScored = true;
            _log.Write(eval);
            Board("eval/pesq", eval.Pesq);
            Board("eval/loss", eval.Loss);
            _lastPesq = eval.Pesq;
            if (_probeClips.Count > 0)
            {
                calibration = CalibrationProbe.Run(_engine.Models, _probeClips, _config.Train.BatchSize, _scorer!, epoch);
                _log.Write(calibration);
                Board("calibration/d_clean_clean", calibration.DCleanClean);
                Board("calibration/d_clean_enhanced", calibration.DCleanEnhanced);
                Board("calibration/pesq_norm", calibration.PesqNorm);
                Board("calibration/mae", calibration.Mae);
            }

            if (eval.Pesq is { } pesq && double.IsFinite(epochRecord.Loss.Total))
            {
                var verdict = _collapse!.Add(new EpochScore(epoch, pesq, epochRecord.Loss.Total));
                if (verdict is not null)
                {
                    string action = _config.Collapse.EarlyStop ? "early_stop" : "none";
                    _log.Write(new CollapseRecord
                    {
                        Epoch = verdict.Epoch, PeakEpoch = verdict.PeakEpoch, PeakPesq = verdict.PeakPesq, Pesq = verdict.Pesq,
                        Drop = verdict.Drop, Action = action,
                    });
                    string text = string.Create(CultureInfo.InvariantCulture,
                        $"collapse: eval PESQ {verdict.Pesq:0.000} is {verdict.Drop:0.000} below its peak {verdict.PeakPesq:0.000} (epoch {verdict.PeakEpoch}) for {_config.Collapse.Epochs} evaluated epochs while the training loss fell");
                    Say(text);
                    if (_config.Collapse.EarlyStop)
                    {
                        stop = text + "; stopped early (collapse.earlyStop), best checkpoint kept";
                    }
                }
            }
        }

        bool better = eval?.Pesq is { } p && (_bestPesq is null || p > _bestPesq);
        if (better)
        {
            _bestPesq = eval!.Pesq;
            _bestEpoch = epoch;
        }

        _batch = 0;
        _tally = new EpochTally();
        _epoch++;
        WriteCheckpoint(best: better);
        _epoch--;
        _listener?.EpochFinished(epochRecord, eval, calibration);
        return stop;
    }

    private void WriteCheckpoint(bool best)
    {
        var state = new CheckpointState
        {
            Preset = _engine!.Models.Preset.Name,
            Generator = _engine.Models.Preset.Generator,
            Discriminator = _engine.Models.Preset.Discriminator,
            Epoch = _epoch,
            Batch = _batch,
            Step = _step,
            Seed = _config.Train.Seed,
            BestPesq = _bestPesq,
            BestEpoch = _bestEpoch,
            Config = ConfigLoader.ToJson(_config),
            DataDir = Path.GetFullPath(_request.DataDir),
            Tally = _batch > 0 ? _tally : null,
            PesqHistory = _collapse!.History.ToArray(),
            InCollapse = _collapse.InCollapse,
            ConsecutiveNonfinite = _consecutiveNonfinite,
        };
        byte[] bytes = CheckpointFile.Serialize(state, _engine);
        CheckpointFile.WriteAtomic(_folder.LastCheckpoint, bytes);
        _log!.Write(new CheckpointRecord { Epoch = _epoch, Step = _step, Kind = "last", Path = _folder.Relative(_folder.LastCheckpoint), Pesq = _lastPesq });
        if (best)
        {
            CheckpointFile.WriteAtomic(_folder.BestCheckpoint, bytes);
            _log.Write(new CheckpointRecord { Epoch = _epoch, Step = _step, Kind = "best", Path = _folder.Relative(_folder.BestCheckpoint), Pesq = _bestPesq });
        }
    }

    private TrainingResult End(string reason, string message)
    {
        _log?.Write(new RunEndRecord { Reason = reason, Epoch = _batch > 0 ? _epoch + 1 : _epoch, Step = _step });
        Say(message);
        return new TrainingResult(reason, _epoch, _step, _bestPesq, _bestEpoch, _lastPesq, _folder.Root, message);
    }

    private void OpenTensorBoard()
    {
        if (!_config.Log.TensorBoard)
        {
            return;
        }

        try
        {
            _board = utils.tensorboard.SummaryWriter(_folder.TensorBoardDir, createRunName: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Say($"warning: TensorBoard event files disabled ({e.Message})");
        }
    }

    private void Board(string tag, double? value)
    {
        if (_board is not null && value is { } v && double.IsFinite(v))
        {
            _board.add_scalar(tag, (float)v, (int)Math.Min(_step, int.MaxValue));
        }
    }

    private void Say(string line) => _listener?.Message(line);

    /// <inheritdoc />
    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }
}
