using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Perceptor.Audio.IO;

namespace Perceptor.Training.Rescore;

/// <summary>
/// The per-checkpoint cache of a rescore: <c>OUT/cache/&lt;sha256 of the checkpoint&gt;.&lt;first 16 of the data key&gt;.json</c>
/// (and <c>noisy.&lt;data key&gt;.json</c> for the noisy input), each written atomically as soon as its checkpoint is
/// scored. A later rescore into the same folder takes a checkpoint from here when both its bytes and the utterances
/// (names, samples, chunking: <see cref="RescoreData.Key"/>) are the same, so an interrupted rescore continues where
/// it stopped, and a changed <c>--max-files</c> or data folder never reuses a score of other utterances. An entry
/// that cannot be read, or whose contents do not match its name, is scored again.
/// </summary>
public static class RescoreCache
{
    /// <summary>The cache folder's name inside the output folder.</summary>
    public const string FolderName = "cache";

    private const int Version = 1;

    /// <summary>The entry file for a checkpoint (or <c>noisy</c>) and a data key.</summary>
    public static string PathFor(string outDirectory, string sha256, string dataKey)
    {
        ArgumentNullException.ThrowIfNull(outDirectory);
        ArgumentNullException.ThrowIfNull(sha256);
        ArgumentNullException.ThrowIfNull(dataKey);
        return Path.Combine(outDirectory, FolderName, $"{sha256}.{dataKey[..Math.Min(16, dataKey.Length)]}.json");
    }

    /// <summary>The entry for <paramref name="sha256"/> on <paramref name="data"/>, or null when there is none that matches.</summary>
    public static CachedScore? TryRead(string outDirectory, string sha256, RescoreData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        string path = PathFor(outDirectory, sha256, data.Key);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var entry = Parse(File.ReadAllText(path));
            bool matches = entry.Sha256 == sha256 && entry.DataKey == data.Key && entry.Rows.Count == data.Clips.Count
                && entry.Rows.Select(r => r.Name).SequenceEqual(data.Clips.Select(c => c.Name), StringComparer.Ordinal);
            return matches ? entry : null;
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Writes <paramref name="entry"/> atomically; returns its path.</summary>
    public static string Write(string outDirectory, CachedScore entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        string path = PathFor(outDirectory, entry.Sha256, entry.DataKey);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, Format(entry));
        return path;
    }

    private static string Format(CachedScore entry)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("version", Version);
            w.WriteString("sha256", entry.Sha256);
            w.WriteString("data_key", entry.DataKey);
            w.WriteString("checkpoint", entry.Checkpoint);
            w.WriteNumber("enhance_seconds", Math.Round(entry.EnhanceSeconds, 3));
            w.WriteNumber("score_seconds", Math.Round(entry.ScoreSeconds, 3));
            w.WriteStartArray("files");
            foreach (var row in entry.Rows)
            {
                w.WriteStartObject();
                w.WriteString("name", row.Name);
                if (row.Problem is null)
                {
                    w.WriteNull("problem");
                }
                else
                {
                    w.WriteString("problem", row.Problem);
                }

                w.WriteStartObject("values");
                foreach (var (key, value) in row.Values)
                {
                    w.WriteNumber(key, value);
                }

                w.WriteEndObject();
                w.WriteStartObject("failures");
                foreach (var (key, why) in row.Failures)
                {
                    w.WriteString(key, why);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static CachedScore Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.GetProperty("version").GetInt32() != Version)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"cache version {root.GetProperty("version").GetInt32()}"));
        }

        var rows = new List<RescoredFileRow>();
        foreach (var f in root.GetProperty("files").EnumerateArray())
        {
            var values = f.GetProperty("values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal);
            var failures = f.GetProperty("failures").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
            var problem = f.GetProperty("problem");
            rows.Add(new RescoredFileRow(f.GetProperty("name").GetString()!, problem.ValueKind == JsonValueKind.String ? problem.GetString() : null,
                values, failures));
        }

        return new CachedScore(root.GetProperty("sha256").GetString()!, root.GetProperty("data_key").GetString()!,
            root.GetProperty("checkpoint").GetString()!, rows, root.GetProperty("enhance_seconds").GetDouble(), root.GetProperty("score_seconds").GetDouble());
    }
}
