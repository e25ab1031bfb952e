using System.Globalization;
using System.Text.RegularExpressions;
using Perceptor.Diagnostics.Runs;
using static Perceptor.Diagnostics.Readers.CsvColumns;

namespace Perceptor.Diagnostics.Readers;

/// <summary>One data row of a CSV log: its line, its epoch, the value of each mapped column and the cell as written.</summary>
internal sealed record CsvRow(int Line, int Epoch, Dictionary<string, double?> Values, Dictionary<string, string> Raw)
{
    /// <summary>The value of quantity <paramref name="key"/>, if the row has one.</summary>
    public double? Get(string key) => Values.GetValueOrDefault(key);
}

/// <summary>
/// The row reader of a CSV log: each line after the header becomes a data row, a repeated header (a run appended to
/// the same file), or a problem (wrong number of fields, a cell that is not a number, an epoch that is not whole).
/// </summary>
internal static partial class CsvRows
{
    [GeneratedRegex(@"^[+-]?[0-9]+,[0-9]+(?:[eE][+-]?[0-9]+)?$")]
    private static partial Regex DecimalCommaRegex();

    public static List<CsvRow> Read(List<string> lines, int headerIndex, char delimiter, List<string> header,
        Dictionary<string, int> columns, List<ReadProblem> problems, List<int> repeatedHeaders, out int decimalCommas)
    {
        decimalCommas = 0;
        int width = header.Count;
        var rows = new List<CsvRow>();
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
            rows.Add(new CsvRow(number, epoch, values, raw));
        }

        return rows;
    }
}
