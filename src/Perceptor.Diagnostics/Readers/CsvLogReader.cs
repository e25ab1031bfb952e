using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Readers;

/// <summary>
/// Reads CSV logs, one row per epoch (<c>epoch, train_gen_loss_avg, train_disc_loss_avg, test_gen_loss,
/// test_disc_loss, test_pesq, lr_gen, lr_disc</c>) or one row per logged step (<c>epoch, step, gen_loss,
/// disc_loss</c>). Column names are matched loosely (synonyms, case, separators, camelCase); the columns used and
/// ignored are recorded in <see cref="RunSource.ColumnsUsed"/>. Comma, semicolon and tab separators are recognised.
/// A row with the wrong number of fields is skipped and reported by line; a cell that is not a number is reported
/// and left out while the rest of its row is used. Where the separator is not a comma, a decimal comma (<c>0,162</c>,
/// as spreadsheets in many locales export) is read as a decimal point.
/// </summary>
public static partial class CsvLogReader
{
    // Quantities diagnose uses, with the names they get in ColumnsUsed.
    private const string EpochKey = "epoch";
    private const string StepKey = "step";
    private const string TrainLossKey = "train_loss";
    private const string TrainDiscKey = "train_disc_loss";
    private const string TrainDiscMinKey = "train_disc_loss_min";
    private const string TrainDiscMaxKey = "train_disc_loss_max";
    private const string EvalLossKey = "eval_loss";
    private const string EvalDiscKey = "eval_disc_loss";
    private const string PesqKey = "eval_pesq";
    private const string NoisyPesqKey = "noisy_pesq";
    private const string LrGenKey = "lr_gen";
    private const string LrDiscKey = "lr_disc";

    /// <summary>Reads the CSV file at <paramref name="path"/>.</summary>
    public static RunData Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>; <paramref name="path"/> names it in messages.</summary>
    public static RunData Read(TextReader reader, string path)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(path);
        var lines = LogLines.ReadAll(reader);

        int headerIndex = lines.FindIndex(l => !string.IsNullOrWhiteSpace(l) && !l.TrimStart().StartsWith('#'));
        if (headerIndex < 0)
        {
            throw new LogReadException($"{path}: the file is empty");
        }

        char delimiter = DetectDelimiter(lines[headerIndex]);
        var header = SplitFields(lines[headerIndex], delimiter);
        if (header.All(h => LogNumber.TryParse(h, out _) || LogNumber.IsMissing(h)))
        {
            throw new LogReadException(string.Create(CultureInfo.InvariantCulture,
                $"{path}: line {headerIndex + 1} holds numbers, not column names; a CSV log needs a header row " +
                $"(e.g. 'epoch,train_gen_loss_avg,test_pesq')"));
        }

        var columns = MapColumns(header, out var ignored);
        if (!columns.ContainsKey(EpochKey) && !columns.ContainsKey(StepKey))
        {
            throw new LogReadException(
                $"{path}: no epoch or step column among [{string.Join(", ", header)}]; name one 'epoch' (or 'step')");
        }

        if (columns.Count <= 1)
        {
            throw new LogReadException(
                $"{path}: none of the columns [{string.Join(", ", header)}] is a loss, PESQ or learning rate that " +
                "diagnose knows (e.g. train_gen_loss_avg, train_disc_loss_avg, test_gen_loss, test_pesq, lr_gen)");
        }

        var problems = new List<ReadProblem>();
        var repeatedHeaders = new List<int>();
        var rows = ReadRows(lines, headerIndex, delimiter, header, columns, problems, repeatedHeaders, out int decimalCommas);
        bool perStep = columns.ContainsKey(StepKey) &&
            (!columns.ContainsKey(EpochKey) || rows.GroupBy(r => r.Epoch).Any(g => g.Count() > 1));
        if (columns.ContainsKey(StepKey) && !columns.ContainsKey(EpochKey))
        {
            problems.Add(new ReadProblem(null, "no epoch column: the steps cannot be grouped into epochs and are all put in epoch 0"));
        }
        var used = columns.ToDictionary(c => c.Key, c => header[c.Value]);
        var notes = new List<string>
        {
            "Columns used: " + string.Join(", ", used.Select(u => $"{u.Value} → {u.Key}")) +
                (ignored.Count > 0 ? "; ignored: " + string.Join(", ", ignored) : "") + ".",
        };
        if (repeatedHeaders.Count > 0)
        {
            string at = string.Join(", ", repeatedHeaders.Select(l => l.ToString(CultureInfo.InvariantCulture)));
            notes.Add($"The header row is repeated at line {at} (a resumed or second run appended to the same file); " +
                "the rows after it are read as more of the log.");
        }

        if (decimalCommas > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{decimalCommas} values are written with a decimal comma (e.g. 0,162) and are read as decimal numbers."));
        }

        RunData data = perStep
            ? BuildPerStep(rows, columns, notes)
            : BuildPerEpoch(rows, columns, notes);
        if (data.Steps.Count == 0 && data.Epochs.Count == 0)
        {
            string first = problems.Count > 0 ? $" (first problem: {problems[0]})" : "";
            throw new LogReadException($"{path}: no readable data rows{first}");
        }

        return data with
        {
            Source = data.Source with
            {
                Path = path,
                Lines = lines.Count,
                ColumnsUsed = used,
                ColumnsIgnored = ignored,
                Problems = problems,
            },
        };
    }

    private sealed record Row(int Line, int Epoch, Dictionary<string, double?> Values, Dictionary<string, string> Raw);

    private static Dictionary<string, int> MapColumns(List<string> header, out List<string> ignored)
    {
        var candidates = new List<(string Key, int Index, bool Average, bool Specific)>();
        var classified = header.Select(MetricNameClassifier.Classify).ToList();
        bool hasLrGen = classified.Any(c => c.Role == MetricRole.LrGen);
        for (int i = 0; i < header.Count; i++)
        {
            var c = classified[i];
            string? key = (c.Role, c.Split) switch
            {
                (MetricRole.Epoch, _) => EpochKey,
                (MetricRole.Step, _) => StepKey,
                (MetricRole.GenLoss, MetricSplit.Eval) => EvalLossKey,
                (MetricRole.GenLoss, MetricSplit.Train) => TrainLossKey,
                // An unqualified "loss" / "disc_loss" is the training one (test columns say so in their names).
                (MetricRole.GenLoss, _) => TrainLossKey,
                (MetricRole.DiscLoss, MetricSplit.Eval) => EvalDiscKey,
                (MetricRole.DiscLoss, _) => TrainDiscKey,
                (MetricRole.DiscLossMin, not MetricSplit.Eval) => TrainDiscMinKey,
                (MetricRole.DiscLossMax, not MetricSplit.Eval) => TrainDiscMaxKey,
                (MetricRole.Pesq, not MetricSplit.Train) => PesqKey,
                (MetricRole.NoisyPesq, _) => NoisyPesqKey,
                (MetricRole.LrGen, _) => LrGenKey,
                (MetricRole.LrDisc, _) => LrDiscKey,
                (MetricRole.Lr, _) when !hasLrGen => LrGenKey,
                _ => null,
            };
            if (key is not null)
            {
                candidates.Add((key, i, c.IsAverage, c.Split != MetricSplit.Unspecified || c.Role is MetricRole.LrGen or MetricRole.LrDisc));
            }
        }

        var map = new Dictionary<string, int>();
        // Prefer a name that says its split, then one that says it is an average, then the leftmost.
        foreach (var group in candidates.GroupBy(c => c.Key))
        {
            var best = group.OrderByDescending(c => c.Specific).ThenByDescending(c => c.Average).ThenBy(c => c.Index).First();
            map[group.Key] = best.Index;
        }

        var usedIndexes = map.Values.ToHashSet();
        ignored = header.Where((_, i) => !usedIndexes.Contains(i)).ToList();
        return map;
    }

    [GeneratedRegex(@"^[+-]?[0-9]+,[0-9]+(?:[eE][+-]?[0-9]+)?$")]
    private static partial Regex DecimalCommaRegex();

    private static List<Row> ReadRows(List<string> lines, int headerIndex, char delimiter, List<string> header,
        Dictionary<string, int> columns, List<ReadProblem> problems, List<int> repeatedHeaders, out int decimalCommas)
    {
        decimalCommas = 0;
        int width = header.Count;
        var rows = new List<Row>();
        int lastContent = lines.FindLastIndex(l => !string.IsNullOrWhiteSpace(l)) + 1;
        int implicitEpoch = 0;
        for (int i = headerIndex + 1; i < lines.Count; i++)
        {
            int number = i + 1;
            string line = lines[i];
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (line.Any(c => (c < ' ' && c != '\t') || c == '\uFFFD'))
            {
                problems.Add(new ReadProblem(number, "unreadable characters (binary data or a broken text encoding); row skipped"));
                continue;
            }

            var fields = SplitFields(line, delimiter);
            if (fields.Count == width + 1 && string.IsNullOrWhiteSpace(fields[^1]))
            {
                fields.RemoveAt(fields.Count - 1);
            }

            if (fields.Count == width && fields.SequenceEqual(header, StringComparer.OrdinalIgnoreCase))
            {
                repeatedHeaders.Add(number);
                continue;
            }

            if (fields.Count != width)
            {
                string cut = number == lastContent && fields.Count < width ? " (the file ends here: it looks cut off)" : "";
                problems.Add(new ReadProblem(number, string.Create(CultureInfo.InvariantCulture,
                    $"{fields.Count} fields where the header has {width}{cut}; row skipped")));
                continue;
            }

            var values = new Dictionary<string, double?>();
            var raw = new Dictionary<string, string>();
            foreach (var (key, index) in columns)
            {
                string cell = fields[index].Trim();
                if (delimiter != ',' && DecimalCommaRegex().IsMatch(cell))
                {
                    // Only a separator other than the comma leaves the comma free to be a decimal mark.
                    cell = cell.Replace(',', '.');
                    decimalCommas++;
                }

                raw[key] = cell;
                if (LogNumber.IsMissing(cell))
                {
                    values[key] = null;
                }
                else if (LogNumber.TryParse(cell, out double v))
                {
                    values[key] = v;
                }
                else
                {
                    values[key] = null;
                    problems.Add(new ReadProblem(number,
                        $"column '{HeaderName(lines[headerIndex], delimiter, index)}' has '{cell}', which is not a number; value left out"));
                }
            }

            int epoch;
            if (columns.ContainsKey(EpochKey))
            {
                if (values[EpochKey] is not { } e || !double.IsFinite(e) || e < 0 || e != Math.Floor(e) || e > int.MaxValue)
                {
                    problems.Add(new ReadProblem(number, $"epoch '{raw[EpochKey]}' is not a whole number; row skipped"));
                    continue;
                }

                epoch = (int)e;
            }
            else
            {
                // Only a step column: the steps cannot be grouped into epochs, so they all go to epoch 0.
                epoch = columns.ContainsKey(StepKey) ? 0 : implicitEpoch;
            }

            implicitEpoch++;
            rows.Add(new Row(number, epoch, values, raw));
        }

        return rows;
    }

    private static RunData BuildPerEpoch(List<Row> rows, Dictionary<string, int> columns, List<string> notes)
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
                TrainLoss = Get(row, TrainLossKey),
                TrainDiscLoss = Get(row, TrainDiscKey),
                TrainDiscLossMin = Get(row, TrainDiscMinKey),
                TrainDiscLossMax = Get(row, TrainDiscMaxKey),
                EvalLoss = Get(row, EvalLossKey),
                EvalDiscLoss = Get(row, EvalDiscKey),
                EvalPesq = Get(row, PesqKey),
                NoisyPesq = Get(row, NoisyPesqKey),
                LrGen = Get(row, LrGenKey),
                LrDisc = Get(row, LrDiscKey),
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

    private static RunData BuildPerStep(List<Row> rows, Dictionary<string, int> columns, List<string> notes)
    {
        var points = new List<StepPoint>();
        foreach (var row in rows)
        {
            double? disc = Get(row, TrainDiscKey);
            double? step = Get(row, StepKey);
            points.Add(new StepPoint
            {
                Epoch = row.Epoch,
                StepInEpoch = step is { } s && double.IsFinite(s) && s >= 0 && s <= int.MaxValue ? (int)s : null,
                GenLoss = Get(row, TrainLossKey),
                DiscLoss = disc,
                Line = row.Line,
            });
        }

        var (skipped, note) = ZeroLossRule.Classify(rows.Select(r =>
            (Get(r, TrainDiscKey), r.Raw.GetValueOrDefault(TrainDiscKey))).ToList());
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

    private static double? Get(Row row, string key) => row.Values.GetValueOrDefault(key);

    private static string HeaderName(string headerLine, char delimiter, int index) => SplitFields(headerLine, delimiter)[index].Trim();

    private static char DetectDelimiter(string header)
    {
        char best = ',';
        int bestCount = 0;
        foreach (char c in new[] { ',', '\t', ';', '|' })
        {
            int count = SplitFields(header, c).Count - 1;
            if (count > bestCount)
            {
                best = c;
                bestCount = count;
            }
        }

        return best;
    }

    /// <summary>Splits one CSV line, honouring double quotes (RFC 4180: "" inside quotes is a quote).</summary>
    internal static List<string> SplitFields(string line, char delimiter)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                fields.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString().Trim());
        return fields;
    }
}
