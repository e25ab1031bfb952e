using System.Globalization;
using Perceptor.Diagnostics.Runs;
using static Perceptor.Diagnostics.Readers.CsvColumns;

namespace Perceptor.Diagnostics.Readers;

/// <summary>
/// The last part of the CSV reader: the rows as epochs (one row per epoch, a repeated epoch replaced by the later
/// row) or as logged steps (zeros read as skips, the sampling interval, epoch means), with the notes on how.
/// </summary>
internal static class CsvAssembler
{
    public static RunData BuildPerEpoch(List<CsvRow> rows, Dictionary<string, int> columns, List<string> notes)
    {
        var epochs = new SortedDictionary<int, EpochPoint>();
        foreach (var row in rows)
        {
            if (epochs.ContainsKey(row.Epoch))
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Epoch {row.Epoch} appears again at line {row.Line} (a resume?); the later row is used."));
            }

            epochs[row.Epoch] = new EpochPoint
            {
                Epoch = row.Epoch,
                TrainLoss = row.Get(TrainLossKey),
                TrainDiscLoss = row.Get(TrainDiscKey),
                TrainDiscLossMin = row.Get(TrainDiscMinKey),
                TrainDiscLossMax = row.Get(TrainDiscMaxKey),
                EvalLoss = row.Get(EvalLossKey),
                EvalDiscLoss = row.Get(EvalDiscKey),
                EvalPesq = row.Get(PesqKey),
                NoisyPesq = row.Get(NoisyPesqKey),
                LrGen = row.Get(LrGenKey),
                LrDisc = row.Get(LrDiscKey),
                Line = row.Line,
            };
        }

        if (columns.ContainsKey(TrainDiscKey))
        {
            notes.Add("Only epoch averages of the discriminator loss: a skipped step (logged as 0.0 by the reference " +
                "code) and a saturated one (a tiny real loss) cannot be told apart.");
        }

        var list = epochs.Values.ToList();
        return new RunData
        {
            Source = Source("CSV log, one row per epoch", SkipEvidence.None, notes),
            Settings = new RunSettings
            {
                GenLr = list.Select(e => e.LrGen).FirstOrDefault(v => v is not null),
                DiscLr = list.Select(e => e.LrDisc).FirstOrDefault(v => v is not null),
            },
            Epochs = list,
        };
    }

    public static RunData BuildPerStep(List<CsvRow> rows, Dictionary<string, int> columns, List<string> notes)
    {
        var points = new List<StepPoint>();
        foreach (var row in rows)
        {
            double? disc = row.Get(TrainDiscKey);
            double? step = row.Get(StepKey);
            points.Add(new StepPoint
            {
                Epoch = row.Epoch,
                StepInEpoch = step is { } s && double.IsFinite(s) && s >= 0 && s <= int.MaxValue ? (int)s : null,
                GenLoss = row.Get(TrainLossKey),
                DiscLoss = disc,
                Line = row.Line,
            });
        }

        var (skipped, note) = ZeroLossRule.Classify(rows.Select(r =>
            (r.Get(TrainDiscKey), r.Raw.GetValueOrDefault(TrainDiscKey))).ToList());
        points = points.Select((p, i) => p with { DiscSkipped = skipped[i] }).ToList();
        if (note is not null)
        {
            notes.Add(note);
        }

        int? interval = StepAggregation.InferInterval(points);
        points = StepAggregation.WithPositions(points, interval);
        var epochs = StepAggregation.EpochMeans(points, sampled: interval != 1);
        bool hasDisc = points.Any(p => p.DiscLoss is not null);
        if (hasDisc)
        {
            notes.Add("A discriminator loss of exactly 0 is read as a skipped step, as the reference code logs one.");
        }

        if (interval is > 1)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"Rows are a sample: one logged step every {interval} steps; rates from them are estimates."));
        }

        return new RunData
        {
            Source = Source("CSV log, one row per logged step", hasDisc ? SkipEvidence.ExactZero : SkipEvidence.None, notes),
            Settings = new RunSettings { StepLogInterval = interval },
            Steps = points,
            Epochs = epochs.Values.OrderBy(e => e.Epoch).ToList(),
        };
    }

    private static RunSource Source(string description, SkipEvidence evidence, List<string> notes) => new()
    {
        Path = "",
        Kind = LogKind.Csv,
        Description = description,
        SkipEvidence = evidence,
        EvalComparability = EvalComparability.Unknown,
        EvalComparabilityReason = "a CSV log does not record how the eval material was chosen (the reference test() " +
            "draws a new random 2 s crop of every test file each epoch)",
        Notes = notes,
    };
}
