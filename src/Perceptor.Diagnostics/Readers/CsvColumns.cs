using System.Text;

namespace Perceptor.Diagnostics.Readers;

/// <summary>
/// The header of a CSV log: its separator, how a line splits into fields, and which column gives which quantity
/// (column names matched loosely by <see cref="MetricNameClassifier"/>).
/// </summary>
internal static class CsvColumns
{
    // Quantities diagnose uses, with the names they get in ColumnsUsed.
    public const string EpochKey = "epoch";
    public const string StepKey = "step";
    public const string TrainLossKey = "train_loss";
    public const string TrainDiscKey = "train_disc_loss";
    public const string TrainDiscMinKey = "train_disc_loss_min";
    public const string TrainDiscMaxKey = "train_disc_loss_max";
    public const string EvalLossKey = "eval_loss";
    public const string EvalDiscKey = "eval_disc_loss";
    public const string PesqKey = "eval_pesq";
    public const string NoisyPesqKey = "noisy_pesq";
    public const string LrGenKey = "lr_gen";
    public const string LrDiscKey = "lr_disc";

    /// <summary>The column of each quantity; <paramref name="ignored"/> gets the names of the columns not used.</summary>
    public static Dictionary<string, int> Map(List<string> header, out List<string> ignored)
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

    /// <summary>The separator a header line uses most: comma, tab, semicolon or bar.</summary>
    public static char DetectDelimiter(string header)
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
    public static List<string> SplitFields(string line, char delimiter)
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

    /// <summary>The name of column <paramref name="index"/> as the header writes it.</summary>
    public static string HeaderName(string headerLine, char delimiter, int index) => SplitFields(headerLine, delimiter)[index].Trim();
}
