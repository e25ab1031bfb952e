using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Perceptor.Diagnostics.Comparison;
using Perceptor.Diagnostics.Detectors;
using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Analysis;

/// <summary>
/// The machine-readable diagnosis: one JSON object with <c>findings</c>, <c>collapse</c>, <c>disc</c>,
/// <c>hypotheses</c>, <c>cannot_tell</c>, <c>source</c>, <c>problems</c>, <c>epochs</c>, <c>runs</c> and <c>comparison</c>. A value the log cannot tell
/// is null. Field names are snake_case and stable.
/// </summary>
public static class DiagnosisJson
{
    /// <summary>Serialises the diagnosis (indented).</summary>
    public static string Serialize(Diagnosis diagnosis, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            WriteFields(w, diagnosis);
            w.WriteStartArray("runs");
            WriteRun(w, new ComparedRun(RunName(diagnosis), null, diagnosis), baseline: true, nested: false);
            w.WriteEndArray();
            w.WriteNull("comparison");
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Serialises a comparison of several runs: the baseline's diagnosis as the top-level fields (as for one log), then
    /// <c>runs</c> (each with its name, declared change, collapse summary and whole diagnosis) and <c>comparison</c>
    /// (the baseline, a verdict per hypothesis some change tests, notes).
    /// </summary>
    public static string Serialize(RunComparison comparison, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            WriteFields(w, comparison.Baseline.Diagnosis);
            w.WriteStartArray("runs");
            foreach (var run in comparison.Runs)
            {
                WriteRun(w, run, run == comparison.Baseline, nested: comparison.Runs.Count > 1);
            }

            w.WriteEndArray();
            w.WriteStartObject("comparison");
            w.WriteString("baseline", comparison.Baseline.Name);
            w.WriteStartArray("verdicts");
            foreach (var h in comparison.Verdicts)
            {
                w.WriteStartObject();
                w.WriteString("id", h.Id.ToString());
                w.WriteString("title", h.Title);
                w.WriteString("verdict", Verdict(h.Verdict));
                w.WriteStartArray("reasons");
                foreach (var r in h.Reasons)
                {
                    WriteLink(w, r);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("notes");
            foreach (string n in comparison.Notes)
            {
                w.WriteStringValue(n);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The name a run is shown under when nothing else names it: its folder for a run folder, else its file.</summary>
    public static string RunName(Diagnosis diagnosis)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        var src = diagnosis.Run.Source;
        return src.Kind == LogKind.Run
            ? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(src.Path)))
            : Path.GetFileName(src.Path);
    }

    private static void WriteRun(Utf8JsonWriter w, ComparedRun run, bool baseline, bool nested)
    {
        var d = run.Diagnosis;
        var c = d.Collapse;
        w.WriteStartObject();
        w.WriteString("name", run.Name);
        w.WriteString("path", d.Run.Source.Path);
        w.WriteBoolean("baseline", baseline);
        w.WriteString("change", run.Change?.Text);
        w.WriteStartArray("changed");
        foreach (var f in run.Change?.Factors ?? [])
        {
            w.WriteStartObject();
            w.WriteString("hypothesis", f.Hypothesis.ToString());
            w.WriteString("what", f.What);
            w.WriteBoolean("removes_cause", f.RemovesCause);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteBool(w, "collapsed", c.Detected);
        w.WriteString("collapse_summary", RunComparer.Summary(c));
        WriteInt(w, "peak_epoch", c.PeakEpoch);
        WriteNumber(w, "peak_pesq", c.PeakPesq);
        WriteInt(w, "onset_epoch", c.OnsetEpoch);
        WriteInt(w, "final_epoch", c.FinalEpoch);
        WriteNumber(w, "final_pesq", c.FinalPesq);
        WriteNumber(w, "skip_rate", d.Disc.SkipRate);
        WriteBounds(w, "skip_rate_bounds", d.Disc.SkipLower, d.Disc.SkipUpper);
        w.WriteString("eval_comparability", d.Run.Source.EvalComparability switch
        {
            EvalComparability.Comparable => "comparable",
            EvalComparability.NotComparable => "not-comparable",
            _ => "unknown",
        });
        w.WriteStartArray("findings");
        foreach (var f in d.Findings)
        {
            w.WriteStringValue(f.Id);
        }

        w.WriteEndArray();
        if (nested)
        {
            w.WritePropertyName("diagnosis");
            w.WriteStartObject();
            WriteFields(w, d);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteFields(Utf8JsonWriter w, Diagnosis d)
    {
        w.WriteStartArray("findings");
        foreach (var f in d.Findings)
        {
            w.WriteStartObject();
            w.WriteString("id", f.Id);
            w.WriteString("severity", DiagnosisReport.SeverityWord(f.Severity));
            w.WriteString("title", f.Title);
            w.WriteStartArray("evidence");
            foreach (string e in f.Evidence)
            {
                w.WriteStringValue(e);
            }

            w.WriteEndArray();
            w.WriteString("next", f.Next);
            w.WriteStartArray("hypotheses");
            foreach (var h in f.Hypotheses)
            {
                WriteLink(w, h);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();

        var c = d.Collapse;
        w.WriteStartObject("collapse");
        WriteBool(w, "detected", c.Detected);
        WriteInt(w, "peak_epoch", c.PeakEpoch);
        WriteNumber(w, "peak_pesq", c.PeakPesq);
        WriteInt(w, "onset_epoch", c.OnsetEpoch);
        WriteNumber(w, "final_pesq", c.FinalPesq);
        WriteInt(w, "final_epoch", c.FinalEpoch);
        WriteInt(w, "fired_epoch", c.FiredEpoch);
        WriteNumber(w, "drop", c.Detected == true ? Math.Round(c.PeakPesq!.Value - c.FinalPesq!.Value, 9) : null);
        WriteNumber(w, "train_loss_at_peak", c.TrainLossAtPeak);
        WriteNumber(w, "train_loss_final", c.TrainLossAtFinal);
        w.WriteString("train_loss_condition", c.LossCondition switch
        {
            LossCondition.Met => "met",
            LossCondition.Unknown => "unknown",
            _ => null,
        });
        if (c.Pending is { } pending)
        {
            w.WriteStartObject("pending");
            w.WriteNumber("peak_epoch", pending.PeakEpoch);
            w.WriteNumber("peak_pesq", pending.PeakPesq);
            w.WriteNumber("onset_epoch", pending.OnsetEpoch);
            w.WriteNumber("epochs", pending.Epochs);
            w.WriteNumber("lowest_pesq", pending.LowestPesq);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("pending");
        }

        w.WriteStartArray("events");
        foreach (var e in c.Events)
        {
            w.WriteStartObject();
            w.WriteNumber("peak_epoch", e.PeakEpoch);
            w.WriteNumber("peak_pesq", e.PeakPesq);
            w.WriteNumber("onset_epoch", e.OnsetEpoch);
            w.WriteNumber("fired_epoch", e.FiredEpoch);
            w.WriteNumber("last_epoch", e.LastEpoch);
            w.WriteNumber("lowest_pesq", e.LowestPesq);
            w.WriteString("ended_by", e.EndedBy);
            WriteInt(w, "end_epoch", e.EndEpoch);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("drop_threshold", d.Options.Collapse.Drop);
        w.WriteNumber("epochs_threshold", d.Options.Collapse.Epochs);
        w.WriteEndObject();

        var disc = d.Disc;
        w.WriteStartObject("disc");
        WriteNumber(w, "skip_rate", disc.SkipRate);
        WriteBounds(w, "skip_rate_bounds", disc.SkipLower, disc.SkipUpper);
        w.WriteString("skip_rate_basis", Basis(disc.SkipBasis));
        w.WriteString("skip_rate_source", disc.SkipBasisText);
        WriteNumber(w, "saturated_share", disc.SaturatedShare);
        WriteBounds(w, "saturated_share_bounds", disc.SaturatedLower, disc.SaturatedUpper);
        w.WriteString("saturated_share_basis", Basis(disc.SaturationBasis));
        WriteInt(w, "steps_counted", disc.Skips?.Total);
        WriteInt(w, "skipped_counted", disc.Skips?.Count);
        w.WriteNumber("unknown_steps", disc.UnknownSteps);
        w.WriteNumber("logged_disc_losses", disc.LoggedDiscLosses);
        w.WriteNumber("logged_below_saturation", disc.LoggedBelowThreshold);
        WriteNumber(w, "median_disc_loss", disc.MedianTakenLoss);
        WriteInt(w, "step_log_interval", d.Run.Settings.StepLogInterval);
        w.WriteEndObject();

        w.WriteStartObject("batch");
        WriteInt(w, "steps_per_epoch_at_least", d.Batch?.StepsPerEpochAtLeast);
        WriteInt(w, "batch_size_at_most", d.Batch?.BatchSizeAtMost);
        WriteInt(w, "batch_size_stated", d.Batch?.StatedBatchSize);
        w.WriteString("basis", d.Batch?.Basis);
        WriteInt(w, "train_pairs", d.Options.TrainPairs);
        w.WriteEndObject();

        w.WriteStartArray("hypotheses");
        foreach (var h in d.Hypotheses)
        {
            w.WriteStartObject();
            w.WriteString("id", h.Id.ToString());
            w.WriteString("title", h.Title);
            w.WriteString("verdict", Verdict(h.Verdict));
            w.WriteStartArray("reasons");
            foreach (var r in h.Reasons)
            {
                WriteLink(w, r);
            }

            w.WriteEndArray();
            w.WriteString("note", h.Note);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("cannot_tell");
        foreach (string s in d.CannotTell)
        {
            w.WriteStringValue(s);
        }

        w.WriteEndArray();

        var src = d.Run.Source;
        w.WriteStartObject("source");
        w.WriteString("path", src.Path);
        w.WriteString("kind", src.Kind.ToString().ToLowerInvariant());
        w.WriteString("description", src.Description);
        w.WriteNumber("lines", src.Lines);
        w.WriteString("skip_evidence", src.SkipEvidence switch
        {
            SkipEvidence.Explicit => "explicit",
            SkipEvidence.ExactZero => "exact-zero",
            _ => "none",
        });
        w.WriteString("eval_comparability", src.EvalComparability switch
        {
            EvalComparability.Comparable => "comparable",
            EvalComparability.NotComparable => "not-comparable",
            _ => "unknown",
        });
        w.WriteString("eval_comparability_reason", src.EvalComparabilityReason);
        w.WriteStartObject("columns_used");
        foreach (var (role, column) in src.ColumnsUsed)
        {
            w.WriteString(role, column);
        }

        w.WriteEndObject();
        w.WriteStartArray("columns_ignored");
        foreach (string col in src.ColumnsIgnored)
        {
            w.WriteStringValue(col);
        }

        w.WriteEndArray();
        w.WriteStartArray("notes");
        foreach (string n in src.Notes)
        {
            w.WriteStringValue(n);
        }

        w.WriteEndArray();
        w.WriteEndObject();

        w.WriteStartArray("problems");
        foreach (var p in src.Problems)
        {
            w.WriteStartObject();
            WriteInt(w, "line", p.Line);
            w.WriteString("message", p.Message);
            w.WriteString("text", p.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("epochs");
        foreach (var e in d.Run.Epochs)
        {
            w.WriteStartObject();
            w.WriteNumber("epoch", e.Epoch);
            WriteNumber(w, "train_loss", e.TrainLoss);
            WriteNumber(w, "train_disc_loss", e.TrainDiscLoss);
            WriteNumber(w, "eval_loss", e.EvalLoss);
            WriteNumber(w, "eval_disc_loss", e.EvalDiscLoss);
            WriteNumber(w, "eval_pesq", e.EvalPesq);
            if (d.Options.Rescored is not null)
            {
                WriteNumber(w, "log_pesq", e.LogPesq);
            }

            WriteNumber(w, "lr_gen", e.LrGen);
            WriteNumber(w, "lr_disc", e.LrDisc);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteLink(Utf8JsonWriter w, HypothesisLink h)
    {
        w.WriteStartObject();
        w.WriteString("id", h.Hypothesis.ToString());
        w.WriteString("stance", h.Stance switch
        {
            Stance.Supports => "supports",
            Stance.Weakens => "weakens",
            Stance.RulesOut => "rules-out",
            _ => "open",
        });
        w.WriteString("reason", h.Reason);
        w.WriteEndObject();
    }

    private static string Basis(SkipRateBasis basis) => basis switch
    {
        SkipRateBasis.Exact => "exact",
        SkipRateBasis.Sample => "sample",
        SkipRateBasis.Bounds => "bounds",
        SkipRateBasis.Estimate => "estimate",
        _ => "unknown",
    };

    private static string Verdict(Verdict verdict) => verdict switch
    {
        Analysis.Verdict.Supported => "supported",
        Analysis.Verdict.Mixed => "mixed",
        Analysis.Verdict.Weakened => "weakened",
        Analysis.Verdict.RuledOut => "ruled-out",
        Analysis.Verdict.Open => "open",
        _ => "cannot-tell",
    };

    private static void WriteNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteBounds(Utf8JsonWriter w, string name, double? lower, double? upper)
    {
        if (lower is { } lo && upper is { } hi && double.IsFinite(lo) && double.IsFinite(hi))
        {
            w.WriteStartArray(name);
            w.WriteNumberValue(lo);
            w.WriteNumberValue(hi);
            w.WriteEndArray();
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteInt(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteBool(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } v)
        {
            w.WriteBoolean(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
