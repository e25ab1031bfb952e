using System.Globalization;
using Perceptor.Diagnostics.Runs;
using static Perceptor.Diagnostics.Readers.CsvColumns;

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
/// <remarks>
/// Made of three parts: the header (<see cref="CsvColumns"/>: separator and column map), the row reader
/// (<see cref="CsvRows"/>: each line a row, a repeated header or a problem) and the assembler
/// (<see cref="CsvAssembler"/>: epochs or steps, with notes).
/// </remarks>
public static class CsvLogReader
{
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

        char delimiter = CsvColumns.DetectDelimiter(lines[headerIndex]);
        var header = CsvColumns.SplitFields(lines[headerIndex], delimiter);
        if (header.All(h => LogNumber.TryParse(h, out _) || LogNumber.IsMissing(h)))
        {
            throw new LogReadException(string.Create(CultureInfo.InvariantCulture,
                $"{path}: line {headerIndex + 1} holds numbers, not column names; a CSV log needs a header row " +
                $"(e.g. 'epoch,train_gen_loss_avg,test_pesq')"));
        }

        var columns = CsvColumns.Map(header, out var ignored);
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
        var rows = CsvRows.Read(lines, headerIndex, delimiter, header, columns, problems, repeatedHeaders, out int decimalCommas);
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
            ? CsvAssembler.BuildPerStep(rows, columns, notes)
            : CsvAssembler.BuildPerEpoch(rows, columns, notes);
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
}
