using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Perceptor.Quality.Evaluation;

namespace Perceptor.Training.Rescore;

/// <summary>What <c>perceptor rescore</c> prints: the table per epoch as text, or one JSON object (docs/rescore.md).</summary>
public static class RescoreReport
{
    /// <summary>The table of means per checkpoint (by epoch) with the noisy input's row, the best epoch, timing and files written.</summary>
    public static string Text(RescoreResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        int fresh = result.Checkpoints.Count(o => o.Score is not null && !o.FromCache);
        int cached = result.Checkpoints.Count(o => o.FromCache);
        int failed = result.Checkpoints.Count(o => o.Error is not null);
        sb.Append(c, $"rescored {fresh + cached} of {Math.Max(result.Requested, result.Checkpoints.Count)} checkpoint(s) on {result.Data.Clips.Count} utterance(s) of ")
          .Append(Path.Combine(result.Data.Directory, "test"))
          .Append(c, $" ({fresh} scored now, {cached} from the cache{(failed > 0 ? $", {failed} failed" : "")})\n\n");
        var metrics = QualityMetrics.All;
        sb.Append("epoch ");
        foreach (var m in metrics)
        {
            sb.Append(c, $"{QualityMetrics.Label(m),8}");
        }

        sb.Append("  failed  epoch from / checkpoint\n");
        foreach (var o in result.Checkpoints.Where(o => o.Score is not null).OrderBy(o => o.Checkpoint.Epoch))
        {
            var means = RescoreScores.Means(o.Score!.Rows);
            sb.Append(c, $"{o.Checkpoint.Epoch,5} ");
            Cells(sb, means);
            sb.Append(c, $"  {RescoreScores.PesqFailed(o.Score.Rows),6}  {o.Checkpoint.BasisDetail}{(o.FromCache ? " (cached)" : "")}\n");
        }

        if (result.Noisy is { } noisy)
        {
            sb.Append("noisy ");
            Cells(sb, RescoreScores.Means(noisy.Rows));
            sb.Append(c, $"  {RescoreScores.PesqFailed(noisy.Rows),6}  the noisy input\n");
        }

        if (Best(result) is { } best)
        {
            sb.Append(c, $"\nbest PESQ {best.Pesq:0.000} at epoch {best.Outcome.Checkpoint.Epoch} ({best.Outcome.Checkpoint.Path})");
            if (result.Noisy is { } n && RescoreScores.Means(n.Rows).TryGetValue("pesq", out double np))
            {
                sb.Append(c, $"; noisy input {np:0.000}");
            }

            sb.Append('\n');
        }

        var timed = result.Checkpoints.Where(o => o.Score is not null && !o.FromCache).Select(o => o.Score!).ToList();
        if (timed.Count > 0)
        {
            double total = Median(timed.Select(t => t.EnhanceSeconds + t.ScoreSeconds));
            sb.Append(c, $"time per checkpoint scored now (median of {timed.Count}): {total:0.0} s " +
                $"(enhance {Median(timed.Select(t => t.EnhanceSeconds)):0.0} s, score {Median(timed.Select(t => t.ScoreSeconds)):0.0} s)\n");
        }

        if (result.Written.Count > 0)
        {
            sb.Append('\n');
            foreach (string file in result.Written)
            {
                sb.Append("written: ").Append(file).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>One JSON object with every checkpoint's means, epoch basis, cache use and timing, the noisy row and the files written.</summary>
    public static string Json(RescoreResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("out", result.OutDirectory);
            w.WriteString("data", result.Data.Directory);
            w.WriteNumber("max_files", result.Data.MaxFiles);
            w.WriteNumber("utterances", result.Data.Clips.Count);
            w.WriteNumber("requested", Math.Max(result.Requested, result.Checkpoints.Count));
            w.WriteString("data_key", result.Data.Key);
            w.WriteStartArray("checkpoints");
            foreach (var o in result.Checkpoints)
            {
                w.WriteStartObject();
                w.WriteString("checkpoint", o.Checkpoint.Path);
                w.WriteNumber("epoch", o.Checkpoint.Epoch);
                w.WriteString("epoch_basis", o.Checkpoint.Basis switch
                {
                    EpochBasis.Name => "name",
                    EpochBasis.CheckpointState => "checkpoint_state",
                    _ => "order",
                });
                w.WriteString("epoch_from", o.Checkpoint.BasisDetail);
                w.WriteString("sha256", o.Checkpoint.Sha256);
                w.WriteBoolean("cached", o.FromCache);
                if (o.Score is { } s)
                {
                    w.WriteNumber("files", s.Rows.Count);
                    w.WriteNumber("failed", RescoreScores.PesqFailed(s.Rows));
                    Metrics(w, "metrics", RescoreScores.Means(s.Rows));
                    w.WriteNumber("enhance_seconds", Math.Round(s.EnhanceSeconds, 3));
                    w.WriteNumber("score_seconds", Math.Round(s.ScoreSeconds, 3));
                    w.WriteStartArray("problems");
                    foreach (string p in o.FileProblems)
                    {
                        w.WriteStringValue(p);
                    }

                    w.WriteEndArray();
                    w.WriteNull("error");
                }
                else
                {
                    w.WriteString("error", o.Error);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (result.Noisy is { } noisy)
            {
                Metrics(w, "noisy", RescoreScores.Means(noisy.Rows));
            }
            else
            {
                w.WriteNull("noisy");
            }

            if (Best(result) is { } best)
            {
                w.WriteStartObject("best");
                w.WriteNumber("epoch", best.Outcome.Checkpoint.Epoch);
                w.WriteNumber("pesq", best.Pesq);
                w.WriteString("checkpoint", best.Outcome.Checkpoint.Path);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("best");
            }

            w.WriteStartArray("data_warnings");
            foreach (string warning in result.Data.Warnings)
            {
                w.WriteStringValue(warning);
            }

            w.WriteEndArray();
            w.WriteStartArray("written");
            foreach (string file in result.Written)
            {
                w.WriteStringValue(file);
            }

            w.WriteEndArray();
            w.WriteBoolean("cancelled", result.Cancelled);
            w.WriteNumber("exit_code", result.ExitCode);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static (CheckpointOutcome Outcome, double Pesq)? Best(RescoreResult result) =>
        result.Checkpoints.Where(o => o.Score is not null)
            .Select(o => (Outcome: o, Means: RescoreScores.Means(o.Score!.Rows)))
            .Where(x => x.Means.ContainsKey("pesq"))
            .Select(x => ((CheckpointOutcome, double)?)(x.Outcome, x.Means["pesq"]))
            .MaxBy(x => x!.Value.Item2);

    private static void Cells(StringBuilder sb, IReadOnlyDictionary<string, double> means)
    {
        foreach (var m in QualityMetrics.All)
        {
            sb.Append(means.TryGetValue(QualityMetrics.Key(m), out double v)
                ? v.ToString(m is QualityMetric.Ssnr or QualityMetric.SiSdr ? "0.00" : "0.000", CultureInfo.InvariantCulture).PadLeft(8)
                : "       -");
        }
    }

    private static void Metrics(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, double> means)
    {
        w.WriteStartObject(name);
        foreach (var m in QualityMetrics.All)
        {
            string key = QualityMetrics.Key(m);
            if (means.TryGetValue(key, out double v))
            {
                w.WriteNumber(key, v);
            }
            else
            {
                w.WriteNull(key);
            }
        }

        w.WriteEndObject();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
