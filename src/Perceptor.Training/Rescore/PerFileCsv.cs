using System.Globalization;
using System.Text;
using Perceptor.Audio.IO;
using Perceptor.Quality.Evaluation;

namespace Perceptor.Training.Rescore;

/// <summary>
/// <c>per_file.csv</c> of a rescore: one row per checkpoint and utterance (<c>epoch,checkpoint,file,</c> the eight
/// measures, <c>problem</c>), the noisy input's rows with the checkpoint <c>noisy</c> and an empty epoch; a measure
/// without a value is empty (its reason is in the cache entry).
/// </summary>
internal static class PerFileCsv
{
    public const string FileName = "per_file.csv";

    public static string Write(string outDir, IReadOnlyList<CheckpointOutcome> outcomes, CachedScore? noisy)
    {
        var keys = QualityMetrics.All.Select(QualityMetrics.Key).ToList();
        var sb = new StringBuilder("epoch,checkpoint,file,").Append(string.Join(',', keys)).Append(",problem\n");
        foreach (var o in outcomes.Where(o => o.Score is not null).OrderBy(o => o.Checkpoint.Epoch))
        {
            foreach (var row in o.Score!.Rows)
            {
                Row(sb, o.Checkpoint.Epoch.ToString(CultureInfo.InvariantCulture), o.Checkpoint.Path, row, keys);
            }
        }

        foreach (var row in noisy?.Rows ?? [])
        {
            Row(sb, "", "noisy", row, keys);
        }

        string path = Path.Combine(outDir, FileName);
        AtomicFile.WriteAllText(path, sb.ToString());
        return path;
    }

    private static void Row(StringBuilder sb, string epoch, string checkpoint, RescoredFileRow row, List<string> keys)
    {
        sb.Append(epoch).Append(',').Append(Quote(checkpoint)).Append(',').Append(Quote(row.Name));
        foreach (string key in keys)
        {
            sb.Append(',');
            if (row.Values.TryGetValue(key, out double v))
            {
                sb.Append(v.ToString("R", CultureInfo.InvariantCulture));
            }
        }

        sb.Append(',').Append(Quote(row.Problem ?? "")).Append('\n');
    }

    private static string Quote(string s) => s.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
