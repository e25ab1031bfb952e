using System.Globalization;
using System.Text.RegularExpressions;
using Perceptor.Diagnostics.RunLog;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Readers;

/// <summary>
/// Turns a Perceptor <c>metrics.jsonl</c> (docs/run-log.md) into the normalised run model. Skipped discriminator
/// steps are explicit here, discriminator accounting comes from the epoch records (exact counts), and the eval
/// method is recorded, so this source can answer what foreign logs cannot.
/// </summary>
public static partial class PerceptorRunReader
{
    /// <summary>Reads a run folder (its <c>metrics.jsonl</c>) or a <c>metrics.jsonl</c> file.</summary>
    public static RunData Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        bool folder = Directory.Exists(path);
        string file = folder ? Path.Combine(path, "metrics.jsonl") : path;
        if (!File.Exists(file))
        {
            throw new LogReadException(folder
                ? $"{path}: not a Perceptor run folder (no metrics.jsonl in it); pass a log file instead"
                : $"{path}: file not found");
        }

        RunLogContent content;
        try
        {
            content = RunLogReader.Read(file);
        }
        catch (IOException e)
        {
            throw new LogReadException($"{file}: cannot be read ({e.Message})", e);
        }

        var data = FromContent(content, file);
        return folder ? data with { Source = data.Source with { Kind = LogKind.Run, Description = "Perceptor run folder" } } : data;
    }

    /// <summary>Normalises records already read; <paramref name="path"/> names the source.</summary>
    public static RunData FromContent(RunLogContent content, string path)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(path);
        var problems = content.Problems.Select(ToProblem).ToList();
        if (content.Records.Count == 0)
        {
            string first = problems.Count > 0 ? $" (first problem: {problems[0]})" : "";
            throw new LogReadException($"{path}: no readable records{first}");
        }

        var notes = new List<string>();
        var start = content.OfType<RunStartRecord>().FirstOrDefault();
        var epochRecords = LastPerEpoch(content.OfType<EpochRecord>(), r => r.Epoch);
        var evalRecords = LastPerEpoch(content.OfType<EvalRecord>(), r => r.Epoch);
        var steps = Steps(content.OfType<StepRecord>().ToList(), epochRecords, out int? interval);
        var epochs = Epochs(steps, epochRecords, evalRecords, interval);
        var calibration = LastPerEpoch(content.OfType<CalibrationRecord>(), r => r.Epoch).Values
            .Select(c => new CalibrationPoint(c.Epoch, c.Clips, c.DCleanClean, c.DCleanEnhanced, c.PesqNorm, c.Mae, c.Pearson))
            .ToList();
        var shares = content.OfType<GradBalanceRecord>()
            .Select(g => new GradSharePoint(g.Epoch, g.Step, g.Shares.Ri, g.Shares.Mag, g.Shares.Time, g.Shares.Gan))
            .ToList();

        foreach (var c in content.OfType<CollapseRecord>())
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"The trainer's collapse watch fired after epoch {c.Epoch} (peak {c.PeakPesq:0.000} at epoch {c.PeakEpoch}, " +
                $"then {c.Pesq:0.000}; action: {c.Action})."));
        }

        if (content.OfType<RunEndRecord>().LastOrDefault() is { } end)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"The run ended: {end.Reason.Name()} (epoch {end.Epoch}, step {end.Step})."));
        }
        else if (content.Records.Count > 0)
        {
            notes.Add("No run_end record: the run is still going, or it was killed.");
        }

        var resumes = content.OfType<RunStartRecord>().Skip(1).ToList();
        if (resumes.Count > 0)
        {
            // A resume from a checkpoint taken mid-epoch runs that epoch again; one from an epoch's end repeats nothing.
            var repeated = content.OfType<EpochRecord>().GroupBy(r => r.Epoch).Where(g => g.Count() > 1).Select(g => g.Key)
                .Order().ToList();
            string where = string.Join(", ", resumes.Select(r => r.Epoch.ToString(CultureInfo.InvariantCulture)));
            string again = string.Join(", ", repeated.Select(e => e.ToString(CultureInfo.InvariantCulture)));
            notes.Add((resumes.Count == 1
                    ? $"The run was resumed once, at epoch {where}"
                    : $"The run was resumed {resumes.Count.ToString(CultureInfo.InvariantCulture)} times, at epochs {where}") +
                repeated.Count switch
                {
                    0 => "; no epoch was run twice.",
                    1 => $"; epoch {again} ran again and is represented by its last records.",
                    _ => $"; epochs {again} ran again and are represented by their last records.",
                });
        }

        var (comparability, reason) = Comparability(start, evalRecords.Values.ToList());
        return new RunData
        {
            Source = new RunSource
            {
                Path = path,
                Kind = LogKind.Jsonl,
                Description = "Perceptor metrics.jsonl",
                Lines = content.Records.Count + problems.Count,
                SkipEvidence = SkipEvidence.Explicit,
                EvalComparability = comparability,
                EvalComparabilityReason = reason,
                Notes = notes,
                Problems = problems,
            },
            Settings = new RunSettings
            {
                GenLr = start?.GenLr,
                DiscLr = start?.DiscLr,
                LossWeights = start?.LossWeights,
                BatchSize = start?.BatchSize is > 0 ? start.BatchSize : null,
                PesqFailurePolicy = start?.PesqFailures,
                EvalMethod = start?.EvalMethod ?? evalRecords.Values.LastOrDefault()?.Method,
                CropSeconds = start?.CropSeconds is > 0 ? start.CropSeconds : null,
                StepLogInterval = interval,
            },
            Steps = steps,
            Epochs = epochs,
            Calibration = calibration,
            GradShares = shares,
            DiscTally = Tally(epochRecords.Values.ToList(), steps, interval),
        };
    }

    private static SortedDictionary<int, T> LastPerEpoch<T>(IEnumerable<T> records, Func<T, int> epoch)
    {
        var result = new SortedDictionary<int, T>();
        foreach (var r in records)
        {
            result[epoch(r)] = r;
        }

        return result;
    }

    private static List<StepPoint> Steps(List<StepRecord> records, SortedDictionary<int, EpochRecord> epochs, out int? interval)
    {
        // A resume repeats the steps after the last checkpoint: keep the last record of each global step.
        var byStep = new SortedDictionary<long, StepRecord>();
        foreach (var r in records)
        {
            byStep[r.Step] = r;
        }

        var points = byStep.Values.Select(r => new StepPoint
        {
            Epoch = r.Epoch,
            Step = r.Step,
            StepInEpoch = r.Batch > 0 ? r.Batch : null,
            GenLoss = r.Nonfinite ? null : r.Loss.Total,
            DiscLoss = r.DiscSkipped ? null : r.DiscLoss,
            DiscSkipped = r.Nonfinite ? null : r.DiscSkipped,
            ClipsFailed = r.ClipsFailed?.Values.Sum(),
        }).ToList();

        interval = InferGlobalInterval(points);
        var maxBatch = points.GroupBy(p => p.Epoch).ToDictionary(g => g.Key, g => g.Max(p => p.StepInEpoch ?? 0));
        return points.Select(p =>
        {
            int batches = epochs.TryGetValue(p.Epoch, out var e) && e.Batches > 0 ? e.Batches : Math.Max(1, maxBatch[p.Epoch]);
            return p with { Position = p.Epoch + ((p.StepInEpoch ?? 0) / (double)(batches + 1)) };
        }).ToList();
    }

    private static int? InferGlobalInterval(List<StepPoint> points)
    {
        long gcd = 0;
        for (int i = 1; i < points.Count; i++)
        {
            long d = points[i].Step!.Value - points[i - 1].Step!.Value;
            if (d > 0)
            {
                gcd = gcd == 0 ? d : StepAggregation.Gcd(gcd, d);
            }
        }

        return gcd is > 0 and <= int.MaxValue ? (int)gcd : null;
    }

    private static List<EpochPoint> Epochs(List<StepPoint> steps, SortedDictionary<int, EpochRecord> epochRecords,
        SortedDictionary<int, EvalRecord> evalRecords, int? interval)
    {
        var fromSteps = StepAggregation.EpochMeans(steps, sampled: interval != 1);
        var all = new SortedSet<int>(epochRecords.Keys.Concat(evalRecords.Keys).Concat(fromSteps.Keys));
        var result = new List<EpochPoint>();
        foreach (int epoch in all)
        {
            var point = fromSteps.GetValueOrDefault(epoch) ?? new EpochPoint { Epoch = epoch };
            if (epochRecords.TryGetValue(epoch, out var e))
            {
                point = point with
                {
                    TrainLoss = e.Loss.Total,
                    TrainLossSampled = false,
                    TrainDiscLoss = e.DiscLoss,
                    LrGen = e.LrGen,
                    LrDisc = e.LrDisc,
                    Batches = e.Batches,
                    DiscSteps = e.DiscSteps,
                    DiscSkipped = e.DiscSkipped,
                    SaturatedSteps = e.SaturatedSteps,
                    ClipFailures = e.ClipsFailed,
                };
            }

            if (evalRecords.TryGetValue(epoch, out var v))
            {
                point = point with { EvalPesq = v.Pesq, EvalLoss = v.Loss, NoisyPesq = v.NoisyPesq, EvalMethod = v.Method };
            }

            result.Add(point);
        }

        return result;
    }

    private static DiscTally? Tally(List<EpochRecord> epochs, List<StepPoint> steps, int? interval)
    {
        if (epochs.Count > 0)
        {
            long batches = epochs.Sum(e => (long)e.DiscSteps + e.DiscSkipped);
            if (batches == 0)
            {
                return null;
            }

            string range = epochs.Count == 1
                ? string.Create(CultureInfo.InvariantCulture, $"epoch {epochs[0].Epoch}")
                : string.Create(CultureInfo.InvariantCulture, $"epochs {epochs[0].Epoch}-{epochs[^1].Epoch}");
            return new DiscTally(batches, epochs.Sum(e => (long)e.DiscSkipped), epochs.Sum(e => (long)e.SaturatedSteps),
                $"the epoch records of {range}");
        }

        if (interval == 1 && steps.Count > 0)
        {
            var known = steps.Where(s => s.DiscSkipped is not null).ToList();
            return new DiscTally(known.Count, known.Count(s => s.DiscSkipped == true),
                known.Count(s => s.DiscLoss < DiscSaturation.LossThreshold), "every logged step (no epoch has finished)");
        }

        return null;
    }

    private static ReadProblem ToProblem(string message)
    {
        Match m = ProblemRegex().Match(message);
        return m.Success
            ? new ReadProblem(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value)
            : new ReadProblem(null, message);
    }

    private static (EvalComparability, string) Comparability(RunStartRecord? start, List<EvalRecord> evals)
    {
        var methods = evals.Select(e => e.Method).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (methods.Count == 0)
        {
            return start?.EvalMethod is { } m && IsDeterministic(m)
                ? (EvalComparability.Comparable, $"the run is configured for {m} evaluation (no eval record yet)")
                : (EvalComparability.Unknown, "the run has no eval records");
        }

        if (methods.Count > 1)
        {
            return (EvalComparability.NotComparable,
                $"the eval method changed during the run ({string.Join(", ", methods)}): numbers before and after differ in kind");
        }

        return IsDeterministic(methods[0])
            ? (EvalComparability.Comparable, $"every epoch was evaluated by {methods[0]} on the same files")
            : (methods[0].Contains("random", StringComparison.OrdinalIgnoreCase) ? EvalComparability.NotComparable : EvalComparability.Unknown,
               $"the eval method '{methods[0]}' is not one of the deterministic methods (full-utterance, fixed-crops)");
    }

    private static bool IsDeterministic(string method) =>
        method.Equals("full-utterance", StringComparison.OrdinalIgnoreCase) ||
        method.Equals("fixed-crops", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@":(\d+): (.*)$")]
    private static partial Regex ProblemRegex();
}
