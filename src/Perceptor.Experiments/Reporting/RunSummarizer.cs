using System.Text.Json;
using Perceptor.Diagnostics.RunLog;
using Perceptor.Experiments.Running;

namespace Perceptor.Experiments.Reporting;

/// <summary>Reduces a run folder (<c>metrics.jsonl</c>, <c>config.json</c>) to a <see cref="RunSummary"/>.</summary>
public static class RunSummarizer
{
    /// <summary>Summarises the run in <paramref name="runDir"/>; <paramref name="folder"/> is how the report names it.</summary>
    public static RunSummary Summarize(string runDir, string arm, long? seed, string folder)
    {
        ArgumentNullException.ThrowIfNull(runDir);
        string metricsPath = Path.Combine(runDir, RunFolderState.MetricsFile);
        var problems = new List<string>();
        var content = File.Exists(metricsPath)
            ? RunLogReader.Read(metricsPath)
            : new RunLogContent([], [$"{metricsPath}: no metrics.jsonl"]);
        problems.AddRange(content.Problems);
        var state = RunFolderState.Inspect(runDir);

        // A resumed run can log an epoch twice (killed after the record, before the checkpoint): the last one counts.
        var epochs = LastPerEpoch(content.OfType<EpochRecord>(), e => e.Epoch);
        var evals = LastPerEpoch(content.OfType<EvalRecord>().Where(e => e.Pesq is { } p && double.IsFinite(p)), e => e.Epoch);
        var calibrations = LastPerEpoch(content.OfType<CalibrationRecord>(), c => c.Epoch);
        var balance = content.OfType<GradBalanceRecord>().ToList();
        var start = content.OfType<RunStartRecord>().LastOrDefault();

        var evalPesq = evals.Select(e => (Epoch: e.Epoch, Pesq: e.Pesq!.Value)).ToList();
        (int Epoch, double Pesq)? best = evalPesq.Count == 0 ? null : evalPesq.MaxBy(p => p.Pesq);
        (int Epoch, double Pesq)? final = evalPesq.Count == 0 ? null : evalPesq[^1];

        long batches = epochs.Sum(e => (long)e.Batches);
        long skipped = epochs.Sum(e => (long)e.DiscSkipped);
        long discSteps = epochs.Sum(e => (long)e.DiscSteps);
        long saturated = epochs.Sum(e => (long)e.SaturatedSteps);
        long scored = epochs.Sum(e => (long)e.ClipsScored);
        long failed = epochs.Sum(e => e.ClipsFailed?.Values.Sum() ?? 0L);
        var lastCalibration = calibrations.LastOrDefault(c => c.Mae is not null);
        var ganShares = balance.Select(b => b.Shares.Gan).Where(double.IsFinite).ToList();

        var collapse = content.OfType<CollapseRecord>().OrderBy(c => c.Epoch).FirstOrDefault();
        int? planned = PlannedEpochs(runDir, problems);

        return new RunSummary
        {
            Arm = arm,
            Seed = seed ?? start?.Seed,
            Folder = folder,
            Progress = state.Progress,
            EpochsLogged = epochs.Count,
            EpochsPlanned = planned,
            EvalPesq = evalPesq,
            TrainLoss = epochs.Where(e => double.IsFinite(e.Loss.Total)).Select(e => (e.Epoch, e.Loss.Total)).ToList(),
            SkipRateByEpoch = epochs.Where(e => e.Batches > 0).Select(e => (e.Epoch, (double)e.DiscSkipped / e.Batches)).ToList(),
            CalibrationByEpoch = calibrations.Where(c => c.Mae is not null).Select(c => (c.Epoch, c.Mae!.Value)).ToList(),
            GanShareByEpoch = balance.Where(b => double.IsFinite(b.Shares.Gan)).GroupBy(b => b.Epoch).OrderBy(g => g.Key)
                .Select(g => (g.Key, g.Average(b => b.Shares.Gan))).ToList(),
            NoisyPesq = content.OfType<EvalRecord>().Select(e => e.NoisyPesq).FirstOrDefault(p => p is { } v && double.IsFinite(v)),
            BestPesq = best?.Pesq,
            BestEpoch = best?.Epoch,
            FinalPesq = final?.Pesq,
            FinalEpoch = final?.Epoch,
            Collapsed = evalPesq.Count == 0 ? null : collapse is not null,
            CollapseOnset = collapse?.Epoch,
            SkipRate = batches > 0 ? (double)skipped / batches : null,
            ClipFailureRate = scored + failed > 0 ? (double)failed / (scored + failed) : null,
            SaturatedShare = discSteps > 0 ? (double)saturated / discSteps : null,
            CalibrationMae = lastCalibration?.Mae,
            CalibrationPearson = lastCalibration?.Pearson,
            DCleanClean = lastCalibration?.DCleanClean,
            GanShare = ganShares.Count > 0 ? ganShares.Average() : null,
            PesqFailures = start?.PesqFailures,
            DiscLr = start?.DiscLr,
            GenLr = start?.GenLr,
            GanWeight = start?.LossWeights.Gan,
            BatchSize = start?.BatchSize,
            TrainSeconds = epochs.Sum(e => e.Seconds),
            Problems = problems,
        };
    }

    private static List<T> LastPerEpoch<T>(IEnumerable<T> records, Func<T, int> epoch) =>
        records.GroupBy(epoch).Select(g => g.Last()).OrderBy(epoch).ToList();

    private static int? PlannedEpochs(string runDir, List<string> problems)
    {
        string path = Path.Combine(runDir, "config.json");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.TryGetProperty("train", out var train) && train.TryGetProperty("epochs", out var epochs) &&
                   epochs.TryGetInt32(out int n) ? n : null;
        }
        catch (JsonException e)
        {
            problems.Add($"{path}: unreadable ({e.Message})");
            return null;
        }
    }
}
