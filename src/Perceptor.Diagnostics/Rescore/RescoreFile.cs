using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Perceptor.Audio.IO;
using Perceptor.Diagnostics.Readers;
using Perceptor.Diagnostics.Report;

namespace Perceptor.Diagnostics.Rescore;

/// <summary>
/// The one format of a rescore: <c>rescore.json</c>
/// (<c>{"data", "checkpoints": [{"epoch", "checkpoint", "files", "failed", "pesq", "csig", ...}], "noisy": {"pesq", ...}}</c>)
/// and <c>rescore.csv</c> (<c>epoch,checkpoint,files,failed,</c> then one column per measure; the noisy input's row has
/// an empty epoch and the checkpoint <c>noisy</c>). Written by <c>perceptor rescore</c>, read by
/// <c>diagnose --rescored</c>; either file, or the folder holding them, can be given.
/// </summary>
public static class RescoreFile
{
    private static readonly HashSet<string> Fixed = ["epoch", "checkpoint", "files", "failed", "epoch_basis"];

    /// <summary>File name of the JSON form.</summary>
    public const string JsonName = "rescore.json";

    /// <summary>File name of the CSV form.</summary>
    public const string CsvName = "rescore.csv";

    /// <summary>Reads a rescore from a folder (its <c>rescore.json</c>, else <c>rescore.csv</c>) or a file.</summary>
    /// <exception cref="LogReadException">Nothing readable there.</exception>
    public static RescoreSeries Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string file = path;
        if (Directory.Exists(path))
        {
            file = File.Exists(Path.Combine(path, JsonName)) ? Path.Combine(path, JsonName) : Path.Combine(path, CsvName);
        }

        if (!File.Exists(file))
        {
            throw new LogReadException($"{path}: no {JsonName} or {CsvName} of a rescore there");
        }

        try
        {
            var series = file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(file) : ReadJson(file);
            if (series.Epochs.Count == 0)
            {
                throw new LogReadException($"{file}: the rescore holds no scored checkpoint");
            }

            return series;
        }
        catch (JsonException e)
        {
            throw new LogReadException($"{file}: not a rescore JSON ({e.Message})");
        }
        catch (InvalidOperationException e)
        {
            throw new LogReadException($"{file}: not a rescore JSON ({e.Message})");
        }
    }

    /// <summary>Writes both forms into <paramref name="directory"/> (atomically); returns the files written.</summary>
    public static IReadOnlyList<string> Write(RescoreSeries series, string directory)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        string json = Path.Combine(directory, JsonName);
        string csv = Path.Combine(directory, CsvName);
        AtomicFile.WriteAllText(json, ToJson(series));
        AtomicFile.WriteAllText(csv, ToCsv(series));
        return [json, csv];
    }

    /// <summary>The JSON form.</summary>
    public static string ToJson(RescoreSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("data", series.Data);
            w.WriteStartArray("checkpoints");
            foreach (var e in series.Epochs.OrderBy(e => e.Epoch))
            {
                w.WriteStartObject();
                w.WriteNumber("epoch", e.Epoch);
                w.WriteString("checkpoint", e.Checkpoint);
                w.WriteNumber("files", e.Files);
                w.WriteNumber("failed", e.Failed);
                WriteMetrics(w, e.Metrics);
                if (e.EpochBasis is { } basis)
                {
                    w.WriteString("epoch_basis", basis);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (series.Noisy is { } noisy)
            {
                w.WriteStartObject("noisy");
                WriteMetrics(w, noisy);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("noisy");
            }

            if (series.Failures.Count > 0)
            {
                w.WriteStartArray("failures");
                foreach (string failure in series.Failures)
                {
                    w.WriteStringValue(failure);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>The CSV form.</summary>
    public static string ToCsv(RescoreSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var names = series.Epochs.SelectMany(e => e.Metrics.Keys).Concat(series.Noisy?.Keys ?? []).Distinct().ToList();
        bool bases = series.Epochs.Any(e => e.EpochBasis is not null);
        var sb = new StringBuilder("epoch,checkpoint,files,failed");
        foreach (string n in names)
        {
            sb.Append(',').Append(n);
        }

        sb.Append(bases ? ",epoch_basis\n" : "\n");
        foreach (var e in series.Epochs.OrderBy(e => e.Epoch))
        {
            sb.Append(CultureInfo.InvariantCulture, $"{e.Epoch},{Quote(e.Checkpoint)},{e.Files},{e.Failed}");
            Values(sb, names, e.Metrics);
            sb.Append(bases ? "," + Quote(e.EpochBasis ?? "") + "\n" : "\n");
        }

        if (series.Noisy is { } noisy)
        {
            sb.Append(",noisy,,");
            Values(sb, names, noisy);
            sb.Append(bases ? ",\n" : "\n");
        }

        return sb.ToString();
    }

    private static void Values(StringBuilder sb, List<string> names, IReadOnlyDictionary<string, double> metrics)
    {
        foreach (string n in names)
        {
            sb.Append(',');
            if (metrics.TryGetValue(n, out double v) && double.IsFinite(v))
            {
                sb.Append(v.ToString("R", CultureInfo.InvariantCulture));
            }
        }
    }

    private static string Quote(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal)
        ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static void WriteMetrics(Utf8JsonWriter w, IReadOnlyDictionary<string, double> metrics)
    {
        foreach (var (name, value) in metrics)
        {
            if (double.IsFinite(value))
            {
                w.WriteNumber(name, value);
            }
            else
            {
                w.WriteNull(name);
            }
        }
    }

    private static RescoreSeries ReadJson(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        var root = doc.RootElement;
        var epochs = new List<RescoredEpoch>();
        foreach (var c in root.GetProperty("checkpoints").EnumerateArray())
        {
            epochs.Add(new RescoredEpoch(c.GetProperty("epoch").GetInt32(),
                c.TryGetProperty("checkpoint", out var ck) && ck.ValueKind == JsonValueKind.String ? ck.GetString()! : "",
                c.TryGetProperty("files", out var f) && f.ValueKind == JsonValueKind.Number ? f.GetInt32() : 0,
                c.TryGetProperty("failed", out var x) && x.ValueKind == JsonValueKind.Number ? x.GetInt32() : 0,
                Metrics(c))
            {
                EpochBasis = c.TryGetProperty("epoch_basis", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null,
            });
        }

        var noisy = root.TryGetProperty("noisy", out var n) && n.ValueKind == JsonValueKind.Object ? Metrics(n) : null;
        string? data = root.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        return new RescoreSeries(file, data, epochs.OrderBy(e => e.Epoch).ToList(), noisy);
    }

    private static Dictionary<string, double> Metrics(JsonElement e)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject().Where(p => !Fixed.Contains(p.Name) && p.Value.ValueKind == JsonValueKind.Number))
        {
            result[p.Name.ToLowerInvariant()] = p.Value.GetDouble();
        }

        return result;
    }

    private static RescoreSeries ReadCsv(string file)
    {
        var lines = File.ReadAllLines(file).Where(l => l.Trim().Length > 0).ToList();
        if (lines.Count == 0)
        {
            throw new LogReadException($"{file}: empty");
        }

        var header = lines[0].Split(',').Select(h => h.Trim().ToLowerInvariant()).ToList();
        int epochAt = header.IndexOf("epoch");
        int checkpointAt = header.IndexOf("checkpoint");
        if (epochAt < 0 || !header.Contains("pesq"))
        {
            throw new LogReadException($"{file}: a rescore CSV needs the columns epoch and pesq");
        }

        var epochs = new List<RescoredEpoch>();
        Dictionary<string, double>? noisy = null;
        for (int i = 1; i < lines.Count; i++)
        {
            var cells = SplitCsv(lines[i]);
            string Cell(int at) => at >= 0 && at < cells.Count ? cells[at].Trim() : "";
            var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int c = 0; c < header.Count; c++)
            {
                if (!Fixed.Contains(header[c]) && double.TryParse(Cell(c), NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                {
                    metrics[header[c]] = v;
                }
            }

            if (Cell(epochAt).Length == 0 && Cell(checkpointAt).Equals("noisy", StringComparison.OrdinalIgnoreCase))
            {
                noisy = metrics;
                continue;
            }

            if (!int.TryParse(Cell(epochAt), NumberStyles.Integer, CultureInfo.InvariantCulture, out int epoch))
            {
                throw new LogReadException($"{file}: line {i + 1}: 'epoch' has '{Cell(epochAt)}', which is not a whole number");
            }

            int.TryParse(Cell(header.IndexOf("files")), NumberStyles.Integer, CultureInfo.InvariantCulture, out int files);
            int.TryParse(Cell(header.IndexOf("failed")), NumberStyles.Integer, CultureInfo.InvariantCulture, out int failed);
            string basis = Cell(header.IndexOf("epoch_basis"));
            epochs.Add(new RescoredEpoch(epoch, Cell(checkpointAt), files, failed, metrics) { EpochBasis = basis.Length > 0 ? basis : null });
        }

        return new RescoreSeries(file, null, epochs.OrderBy(e => e.Epoch).ToList(), noisy);
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(ch);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
