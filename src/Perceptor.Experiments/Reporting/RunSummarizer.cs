using System.Text.Json;
using Perceptor.Diagnostics.Analysis;
using Perceptor.Diagnostics.Detectors;
using Perceptor.Diagnostics.Readers;
using Perceptor.Diagnostics.RunLog;
using Perceptor.Diagnostics.Runs;
using Perceptor.Experiments.Running;

namespace Perceptor.Experiments.Reporting;

/// <summary>
/// Reduces a run folder (<c>metrics.jsonl</c>, <c>config.json</c>) to a <see cref="RunSummary"/>. Collapse, skip rate,
/// saturation and findings come from the same diagnosis <c>perceptor diagnose</c> makes of the folder (with the run's
/// own collapse thresholds from its config), so the comparison and the per-run reports never disagree.
/// </summary>
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
        var calibrations = LastPerEpoch(content.OfType<CalibrationRecord>(), c => c.Epoch);
        var balance = content.OfType<GradBalanceRecord>().ToList();
        var start = content.OfType<RunStartRecord>().LastOrDefault();

        long scored = epochs.Sum(e => (long)e.ClipsScored);
        long failed = epochs.Sum(e => e.ClipsFailed?.Values.Sum() ?? 0L);
        var lastCalibration = calibrations.LastOrDefault(c => c.Mae is not null);
        var ganShares = balance.Select(b => b.Shares.Gan).Where(double.IsFinite).ToList();

        var (planned, collapseOptions) = ReadConfig(runDir, problems);
        RunData? run = null;
        Diagnosis? diagnosis = null;
        if (content.Records.Count > 0)
        {
            try
            {
                run = RunReader.Read(runDir, LogKind.Run);
                diagnosis = Diagnoser.Diagnose(run, new DiagnosisOptions { Collapse = collapseOptions });
            }
            catch (LogReadException e)
            {
                problems.Add(e.Message);
            }
        }

        // Per-epoch series as the diagnosis plots draw them, so a run looks the same in both reports.
        var evalPesq = Points(run is null ? null : RunSeries.EvalPesq(run, ""));
        (int Epoch, double Value)? best = evalPesq.Count == 0 ? null : evalPesq.MaxBy(p => p.Value);
        (int Epoch, double Value)? final = evalPesq.Count == 0 ? null : evalPesq[^1];

        return new RunSummary
        {
            Arm = arm,
            Seed = seed ?? start?.Seed,
            Folder = folder,
            Progress = state.Progress,
            EpochsLogged = epochs.Count,
            EpochsPlanned = planned,
            EvalPesq = evalPesq,
            EvalLoss = Points(run is null ? null : RunSeries.EvalLoss(run, "")),
            TrainLoss = Points(run is null ? null : RunSeries.TrainLoss(run, "")),
            SkipRateByEpoch = Points(diagnosis is null ? null : RunSeries.SkipRate(diagnosis, "")),
            CalibrationByEpoch = Points(run is null ? null : RunSeries.CalibrationMae(run, "")),
            GanShareByEpoch = Points(run is null ? null : RunSeries.GanShare(run, "")),
            NoisyPesq = content.OfType<EvalRecord>().Select(e => e.NoisyPesq).FirstOrDefault(p => p is { } v && double.IsFinite(v)),
            BestPesq = best?.Value,
            BestEpoch = best?.Epoch,
            FinalPesq = final?.Value,
            FinalEpoch = final?.Epoch,
            Collapsed = diagnosis?.Collapse.Detected,
            CollapseOnset = diagnosis?.Collapse.OnsetEpoch,
            SkipRate = diagnosis?.Disc.SkipRate,
            ClipFailureRate = scored + failed > 0 ? (double)failed / (scored + failed) : null,
            SaturatedShare = diagnosis?.Disc.SaturatedShare,
            Findings = diagnosis?.Findings ?? [],
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

    private static List<(int Epoch, double Value)> Points(Perceptor.Diagnostics.Report.ChartSeries? series) =>
        series is null ? [] : series.X.Zip(series.Y).Where(p => double.IsFinite(p.Second)).Select(p => ((int)p.First, p.Second)).ToList();

    private static List<T> LastPerEpoch<T>(IEnumerable<T> records, Func<T, int> epoch) =>
        records.GroupBy(epoch).Select(g => g.Last()).OrderBy(epoch).ToList();

    /// <summary>Planned epochs and the collapse thresholds from the run's config.json (diagnose's defaults without it).</summary>
    private static (int? Epochs, CollapseOptions Collapse) ReadConfig(string runDir, List<string> problems)
    {
        string path = Path.Combine(runDir, "config.json");
        var collapse = new CollapseOptions();
        if (!File.Exists(path))
        {
            return (null, collapse);
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            int? epochs = root.TryGetProperty("train", out var train) && train.TryGetProperty("epochs", out var e) && e.TryGetInt32(out int n) ? n : null;
            if (root.TryGetProperty("collapse", out var c))
            {
                if (c.TryGetProperty("drop", out var drop) && drop.TryGetDouble(out double d) && double.IsFinite(d) && d > 0)
                {
                    collapse = collapse with { Drop = d };
                }

                if (c.TryGetProperty("epochs", out var ce) && ce.TryGetInt32(out int k) && k >= 1)
                {
                    collapse = collapse with { Epochs = k };
                }
            }

            return (epochs, collapse);
        }
        catch (JsonException e)
        {
            problems.Add($"{path}: unreadable ({e.Message})");
            return (null, collapse);
        }
    }
}
