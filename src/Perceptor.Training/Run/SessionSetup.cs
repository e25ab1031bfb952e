using Perceptor.Training.Checkpoints;
using Perceptor.Training.Config;
using Perceptor.Training.Data;
using Perceptor.Training.Networks;
using Perceptor.Training.Probes;
using Perceptor.Training.Runtime;
using Perceptor.Training.Step;
using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Training.Run;

/// <summary>
/// Turns a <see cref="TrainingRequest"/> into a <see cref="TrainingSession"/>: reads the checkpoint on resume, seeds,
/// loads the data, builds the networks and restores them, writes <c>config.json</c> and <c>env.json</c> and opens
/// the run log. Errors in the data, the config or a checkpoint are thrown with the file named.
/// </summary>
internal static class SessionSetup
{
    public static TrainingSession Open(TrainingRequest request, ITrainingListener? listener, TrainingHooks hooks)
    {
        ArgumentNullException.ThrowIfNull(request);
        var folder = new RunFolder(request.RunDir);

        // Before anything loads libtorch (a resumed checkpoint is read with it): OpenMP reads its wait policy once.
        var tuning = CpuTuning.Apply();

        // One writer per run folder for the life of the session; a second one fails here, naming this process.
        var runLock = RunLock.Acquire(folder.Root, request.Resume ? "perceptor train --resume" : "perceptor train");
        try
        {
            return OpenLocked(request, listener, hooks, folder, tuning, runLock);
        }
        catch
        {
            runLock.Dispose();
            throw;
        }
    }

    private static TrainingSession OpenLocked(TrainingRequest request, ITrainingListener? listener, TrainingHooks hooks, RunFolder folder, CpuTuningReport tuning, RunLock runLock)
    {
        var config = request.Config;
        void Say(string line) => listener?.Message(line);
        Checkpoint? checkpoint = ReadCheckpoint(folder, request.Resume, Say);
        var device = DeviceSelection.Resolve(config.Runtime.Device);
        if (config.Runtime.Threads > 0)
        {
            set_num_threads(config.Runtime.Threads);
        }

        // Weights are seeded; a resumed run then replaces them and the generator state from the checkpoint.
        random.manual_seed(config.Train.Seed);
        var preset = config.Model.Resolve();
        if (config.Model.InitGenerator is not null || config.Model.InitDiscriminator is not null)
        {
            // Sizes come from the initial weights; a resumed run keeps the ones it started with.
            preset = checkpoint?.Preset ?? InitialWeights.Resolve(preset, config.Model);
        }

        if (checkpoint is not null && (checkpoint.Preset.Generator != preset.Generator || checkpoint.Preset.Discriminator != preset.Discriminator))
        {
            throw new ConfigException($"{checkpoint.Path}: the checkpoint holds {checkpoint.Preset.Name} networks ({checkpoint.Preset.Generator}, {checkpoint.Preset.Discriminator}), " +
                $"the config asks for {preset.Name} ({preset.Generator}, {preset.Discriminator}); model.* cannot change on resume");
        }

        var (train, evalSet) = LoadData(config, request.DataDir, listener, hooks, Say);
        int crop = config.CropSamples;
        var sampler = new BatchSampler(train, config.Train.BatchSize, crop, config.Train.Seed, config.Train.MaxBatches,
            config.Data.SpeechAwareCrops, config.Data.MinSpeechFraction, config.Data.CropAttempts);
        var evalClips = config.Eval.Method == EvalMethod.FixedCrops ? evalSet.FixedCrops(crop) : evalSet.Clips;
        var probeClips = config.Probe.CalibrationClips > 0 ? evalSet.ProbeClips(config.Probe.CalibrationClips, crop) : [];
        Say($"data: {train.Count} usable training pairs, {sampler.BatchesPerEpoch} batches of {config.Train.BatchSize} per epoch; " +
            $"{evalClips.Count} eval files ({ConfigKeys.EnumText(config.Eval.Method.ToString())}); {probeClips.Count} probe clips");

        var scorer = hooks.CreateScorer(config.Pesq.Threads);
        MetricGanStep? iteration = null;
        Evaluator? evaluator = null;
        RunRecorder? recorder = null;
        try
        {
            iteration = new MetricGanStep(hooks.CreateModels(preset, device), config, scorer);
            evaluator = new Evaluator(iteration.Models, config, scorer);
            var collapse = new CollapseWatch(hooks.CollapseRule, config.Collapse.Drop, config.Collapse.Epochs);
            var start = checkpoint is null ? RunStanding.Fresh() : Restore(checkpoint, iteration, collapse, sampler.BatchesPerEpoch);
            if (checkpoint is not null)
            {
                var p = start.Position;
                Say($"resuming {folder.Root} at epoch {p.Epoch + 1}, batch {p.Batch + 1}, step {p.Step}" +
                    (start.BestPesq is { } b ? $" (best eval PESQ {b:0.000} at epoch {start.BestEpoch})" : ""));
            }

            var initialWeights = checkpoint is null ? InitialWeights.Load(iteration.Models, config.Model) : null;
            RunFolder.WriteTextAtomic(folder.ConfigPath, ConfigLoader.ToJson(config));
            RunEnvironment.Write(folder, request, config.Runtime.Device, get_num_threads(), checkpoint is not null, tuning);
            InitialWeights.Record(folder.EnvPath, initialWeights);
            recorder = RunRecorder.Open(folder, config.Log.TensorBoard, listener);
            return new TrainingSession
            {
                Request = request,
                Folder = folder,
                Preset = preset,
                Iteration = iteration,
                Evaluator = evaluator,
                Sampler = sampler,
                EvalClips = evalClips,
                ProbeClips = probeClips,
                Scorer = scorer,
                Collapse = collapse,
                Recorder = recorder,
                Start = start,
                Resumed = checkpoint is not null,
                Lock = runLock,
            };
        }
        catch
        {
            recorder?.Dispose();
            evaluator?.Dispose();
            iteration?.Dispose();
            throw;
        }
    }

    private static Checkpoint? ReadCheckpoint(RunFolder folder, bool resume, Action<string> say)
    {
        foreach (string stale in ResumePoint.RemoveStaleTemporaries(folder))
        {
            say($"removed {stale}: a temporary file left by a writer that was stopped");
        }

        if (!resume)
        {
            if (File.Exists(folder.LastCheckpoint) || File.Exists(folder.MetricsPath) || File.Exists(folder.BestCheckpoint))
            {
                throw new InvalidOperationException($"{folder.Root}: already holds a run (metrics.jsonl or checkpoints/last.ckpt or best.ckpt); use --resume to continue it or choose another --run folder");
            }

            return null;
        }

        return ResumePoint.Choose(folder, say);
    }

    private static (TrainingSet Train, EvalSet Eval) LoadData(TrainingConfig config, string dataDir, ITrainingListener? listener, TrainingHooks hooks, Action<string> say)
    {
        if (hooks.LoadData is { } load)
        {
            return load(config, dataDir, listener);
        }

        string cacheDir = string.IsNullOrEmpty(config.Data.CacheDir) ? Path.Combine(dataDir, ".perceptor-cache") : config.Data.CacheDir;
        var store = new AudioStore(cacheDir);
        var trainScan = PairScan.Scan(dataDir, "train").Spread(config.Data.TrainFiles);
        var testScan = PairScan.Scan(dataDir, "test");
        say($"data: {trainScan.Pairs.Count} training pairs, {testScan.Pairs.Count} test pairs in {Path.GetFullPath(dataDir)}; checking them");
        var train = TrainingSet.Open(trainScan, store);
        var evalSet = EvalSet.Load(testScan, store, config.Eval.MaxFiles);
        foreach (string warning in train.Warnings.Concat(evalSet.Warnings).Distinct())
        {
            say("warning: " + warning);
        }

        if (store.CacheWarning is { } cacheWarning)
        {
            say("warning: " + cacheWarning);
        }

        return (train, evalSet);
    }

    /// <summary>Loads weights, optimisers, RNG and the collapse watch from <paramref name="checkpoint"/>; returns where it left off.</summary>
    private static RunStanding Restore(Checkpoint checkpoint, MetricGanStep iteration, CollapseWatch collapse, int batchesPerEpoch)
    {
        var s = checkpoint.State;
        checkpoint.LoadGenerator(iteration.Models.Generator);
        checkpoint.LoadDiscriminator(iteration.Models.Discriminator);
        checkpoint.LoadOptimizers(iteration.GenOptimizer, iteration.DiscOptimizer);
        checkpoint.RestoreRng();
        collapse.Restore(s.PesqHistory, s.InCollapse);
        if (s.Batch >= batchesPerEpoch && s.Batch > 0)
        {
            throw new ConfigException($"{checkpoint.Path}: written at batch {s.Batch} of epoch {s.Epoch + 1}, but an epoch now has {batchesPerEpoch} batches; " +
                "train.batchSize, train.maxBatches and the data must stay as they were to resume inside an epoch");
        }

        return new RunStanding(new RunPosition(s.Epoch, s.Batch, s.Step), s.Tally ?? new EpochTally(), s.BestPesq, s.BestEpoch,
            s.PesqHistory.Count > 0 ? s.PesqHistory[^1].Pesq : null, s.ConsecutiveNonfinite);
    }
}
