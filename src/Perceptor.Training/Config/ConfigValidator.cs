using System.Globalization;

namespace Perceptor.Training.Config;

/// <summary>Range checks on a configuration, each problem named by its key.</summary>
public static class ConfigValidator
{
    /// <summary>Every problem of <paramref name="config"/>, empty when it is usable.</summary>
    public static IReadOnlyList<string> Problems(TrainingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var p = new List<string>();
        void Check(bool ok, string key, object? value, string rule)
        {
            if (!ok)
            {
                p.Add($"{key} = {ConfigKeys.FormatValue(value)}: {rule}");
            }
        }

        var m = config.Model;
        if (!Models.ModelPresets.All.Any(x => string.Equals(x.Name, m.Preset, StringComparison.OrdinalIgnoreCase)))
        {
            p.Add($"model.preset = {m.Preset}: unknown (known: {string.Join(", ", Models.ModelPresets.All.Select(x => x.Name))})");
        }

        Check(m.Channels is null or >= 4, "model.channels", m.Channels, "must be at least 4");
        Check(m.Channels is null || m.Channels % 4 == 0, "model.channels", m.Channels, "must be a multiple of 4 (4 attention heads)");
        Check(m.ConformerBlocks is null or >= 1, "model.conformerBlocks", m.ConformerBlocks, "must be at least 1");
        Check(m.DenseDepth is null or >= 1, "model.denseDepth", m.DenseDepth, "must be at least 1");
        Check(m.DiscChannels is null or >= 1, "model.discChannels", m.DiscChannels, "must be at least 1");
        Check(m.Dropout is >= 0 and < 1, "model.dropout", m.Dropout, "must be in [0, 1)");
        Check(m.DiscDropout is >= 0 and < 1, "model.discDropout", m.DiscDropout, "must be in [0, 1)");

        var d = config.Data;
        Check(d.MinSpeechFraction is >= 0 and <= 1, "data.minSpeechFraction", d.MinSpeechFraction, "must be in [0, 1]");
        Check(d.CropAttempts >= 1, "data.cropAttempts", d.CropAttempts, "must be at least 1");
        Check(d.TrainFiles >= 0, "data.trainFiles", d.TrainFiles, "must be 0 (all) or more");

        var t = config.Train;
        Check(t.Epochs >= 1, "train.epochs", t.Epochs, "must be at least 1");
        Check(t.BatchSize >= 1, "train.batchSize", t.BatchSize, "must be at least 1");
        Check(double.IsFinite(t.CropSeconds) && t.CropSeconds >= 0.5 && t.CropSeconds <= 60, "train.cropSeconds", t.CropSeconds,
            "must be between 0.5 and 60 seconds (PESQ needs at least a quarter second of speech)");
        Check(t.MaxBatches >= 0, "train.maxBatches", t.MaxBatches, "must be 0 (all) or more");
        Check(t.NonfiniteLimit >= 1, "train.nonfiniteLimit", t.NonfiniteLimit, "must be at least 1");

        var l = config.Loss;
        foreach (var (key, value) in new[] { ("loss.riWeight", l.RiWeight), ("loss.magWeight", l.MagWeight), ("loss.timeWeight", l.TimeWeight), ("loss.ganWeight", l.GanWeight) })
        {
            Check(double.IsFinite(value) && value >= 0, key, value, "must be a finite number >= 0");
        }

        // The all-zero rule only speaks when each weight is valid on its own: a negative one is already named above.
        double[] weights = [l.RiWeight, l.MagWeight, l.TimeWeight, l.GanWeight];
        Check(!weights.All(w => double.IsFinite(w) && w >= 0) || weights.Sum() > 0, "loss.*", "all zero", "at least one weight must be positive");

        var o = config.Optim;
        Check(o.GenLr is > 0 and < 1, "optim.genLr", o.GenLr, "must be in (0, 1)");
        Check(o.DiscLr is > 0 and < 1, "optim.discLr", o.DiscLr, "must be in (0, 1)");
        Check(o.Beta1 is >= 0 and < 1, "optim.beta1", o.Beta1, "must be in [0, 1)");
        Check(o.Beta2 is >= 0 and < 1, "optim.beta2", o.Beta2, "must be in [0, 1)");
        Check(o.Eps is > 0 and < 1, "optim.eps", o.Eps, "must be in (0, 1)");
        Check(o.WeightDecay is >= 0 and < 1, "optim.weightDecay", o.WeightDecay, "must be in [0, 1)");
        Check(o.LrStepEpochs >= 1, "optim.lrStepEpochs", o.LrStepEpochs, "must be at least 1");
        Check(o.LrGamma is > 0 and <= 1, "optim.lrGamma", o.LrGamma, "must be in (0, 1]");
        Check(o.GradClip >= 0 && double.IsFinite(o.GradClip), "optim.gradClip", o.GradClip, "must be 0 (none) or positive");

        Check(config.Pesq.Threads >= 0, "pesq.threads", config.Pesq.Threads, "must be 0 (all cores) or more");
        Check(Enum.IsDefined(config.Pesq.Failures), "pesq.failures", config.Pesq.Failures, "must be skip-batch, batch-mean or mask");

        var e = config.Eval;
        Check(Enum.IsDefined(e.Method), "eval.method", e.Method, "must be full-utterance or fixed-crops");
        Check(e.Every >= 1, "eval.every", e.Every, "must be at least 1");
        Check(e.MaxFiles >= 0, "eval.maxFiles", e.MaxFiles, "must be 0 (all) or more");
        Check(e.ChunkSeconds is >= 1 and <= 600, "eval.chunkSeconds", e.ChunkSeconds, "must be between 1 and 600");

        Check(config.Log.Every >= 1, "log.every", config.Log.Every, "must be at least 1");
        Check(config.Log.DiscStatsEvery >= 1, "log.discStatsEvery", config.Log.DiscStatsEvery, "must be at least 1");
        Check(config.Probe.GradBalanceEvery >= 0, "probe.gradBalanceEvery", config.Probe.GradBalanceEvery, "must be 0 (off) or more");
        Check(config.Probe.CalibrationClips >= 0, "probe.calibrationClips", config.Probe.CalibrationClips, "must be 0 (off) or more");

        var c = config.Collapse;
        Check(c.Drop > 0 && double.IsFinite(c.Drop), "collapse.drop", c.Drop, "must be a positive number of PESQ points");
        Check(c.Epochs >= 1, "collapse.epochs", c.Epochs, "must be at least 1");
        Check(config.Checkpoint.EveryEpochs >= 1, "checkpoint.everyEpochs", config.Checkpoint.EveryEpochs, "must be 1 (every epoch) or more");
        Check(config.Checkpoint.EverySteps >= 0, "checkpoint.everySteps", config.Checkpoint.EverySteps, "must be 0 (epoch ends only) or more");

        var r = config.Runtime;
        Check(IsDeviceName(r.Device), "runtime.device", r.Device, "must be cpu, cuda or cuda:N");
        Check(r.Threads >= 0, "runtime.threads", r.Threads, "must be 0 (default) or more");
        return p;
    }

    private static bool IsDeviceName(string device) =>
        device is "cpu" or "cuda" ||
        (device.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(device.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out _));
}
