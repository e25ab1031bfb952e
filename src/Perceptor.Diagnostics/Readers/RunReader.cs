using System.Text;
using System.Text.Json;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Readers;

/// <summary>
/// Reads any log <c>diagnose</c> accepts into a <see cref="RunData"/>: a Perceptor run folder, a
/// <c>metrics.jsonl</c>, a text log of the CMGAN reference or a CSV log. The kind is recognised from the content
/// (the file name only breaks ties) unless it is forced.
/// </summary>
public static partial class RunReader
{
    /// <summary>Reads <paramref name="path"/>, recognising its kind unless <paramref name="kind"/> forces one.</summary>
    /// <exception cref="LogReadException">The path is missing, empty, binary or holds nothing recognisable.</exception>
    public static RunData Read(string path, LogKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        LogKind actual = kind ?? Detect(path);
        try
        {
            return actual switch
            {
                LogKind.Run or LogKind.Jsonl => PerceptorRunReader.Read(path),
                LogKind.Text => CmganTextLogReader.Read(RequireFile(path)),
                LogKind.Csv => CsvLogReader.Read(RequireFile(path)),
                _ => throw new ArgumentOutOfRangeException(nameof(kind)),
            };
        }
        catch (IOException e)
        {
            throw new LogReadException($"{path}: cannot be read ({e.Message})", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new LogReadException($"{path}: cannot be read ({e.Message})", e);
        }
    }

    /// <summary>Recognises the kind of log at <paramref name="path"/> from its first lines.</summary>
    public static LogKind Detect(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return LogKind.Run;
        }

        RequireFile(path);
        var head = new List<string>();
        byte[] start = new byte[4096];
        int read;
        using (var stream = File.OpenRead(path))
        {
            read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }

        if (read == 0)
        {
            throw new LogReadException($"{path}: the file is empty");
        }

        // A UTF-16 text (what Windows PowerShell 5 writes for "python train.py > train.log") is half zero bytes; its
        // byte order mark says it is text, and the readers decode it from that mark.
        bool utf16 = read >= 2 && ((start[0] == 0xFF && start[1] == 0xFE) || (start[0] == 0xFE && start[1] == 0xFF));
        int zeros = start.AsSpan(0, read).Count((byte)0);
        if (!utf16 && zeros > read / 10)
        {
            throw new LogReadException($"{path}: binary data, not a text log (is this a checkpoint or an event file?)");
        }

        using (var reader = new StreamReader(path, Encoding.UTF8))
        {
            while (head.Count < 20 && reader.ReadLine() is { } line)
            {
                if (!string.IsNullOrWhiteSpace(line) && !line.TrimStart().StartsWith('#'))
                {
                    head.Add(line);
                }
            }
        }

        if (head.Count == 0)
        {
            throw new LogReadException($"{path}: the file holds no text lines");
        }

        if (LooksLikeJsonl(head[0]))
        {
            return LogKind.Jsonl;
        }

        if (LooksLikeCsv(head))
        {
            return LogKind.Csv;
        }

        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext is ".jsonl" ? LogKind.Jsonl : LogKind.Text;
    }

    // "loss: 0.14" in a header field means a key-value log line, not a column name (pandas names its index column
    // "Unnamed: 0", which is a column).
    [System.Text.RegularExpressions.GeneratedRegex(@"[A-Za-z_]\s*[:=]\s*[-+]?[0-9.]+\s*$")]
    private static partial System.Text.RegularExpressions.Regex KeyValueRegex();

    private static string RequireFile(string path) => File.Exists(path)
        ? path
        : throw new LogReadException(Directory.Exists(path) ? $"{path}: is a folder, not a log file" : $"{path}: file not found");

    private static bool LooksLikeJsonl(string line)
    {
        string t = line.TrimStart();
        if (!t.StartsWith('{'))
        {
            return false;
        }

        try
        {
            using var doc = JsonDocument.Parse(t);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("type", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // A header of names (at least one a metric diagnose knows) over rows with the same number of fields.
    private static bool LooksLikeCsv(List<string> head)
    {
        foreach (char delimiter in new[] { ',', '\t', ';', '|' })
        {
            var header = CsvColumns.SplitFields(head[0], delimiter);
            if (header.Count < 2 || header.Any(h => KeyValueRegex().IsMatch(h) && !h.StartsWith("Unnamed:", StringComparison.Ordinal)))
            {
                continue;
            }

            bool names = header.All(h => h.Length == 0 || (!LogNumber.TryParse(h, out _) && h.Length <= 64));
            bool known = header.Count(h => MetricNameClassifier.Classify(h).Role != MetricRole.None) >= 2;
            if (!names || !known)
            {
                continue;
            }

            if (head.Count == 1)
            {
                return true;
            }

            var row = CsvColumns.SplitFields(head[1], delimiter);
            if (Math.Abs(row.Count - header.Count) <= 1)
            {
                return true;
            }
        }

        return false;
    }
}
