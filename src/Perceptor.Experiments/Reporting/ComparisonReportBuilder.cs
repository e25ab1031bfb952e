using System.Globalization;
using Perceptor.Diagnostics.Analysis;
using Perceptor.Diagnostics.Report;
using Perceptor.Experiments.Running;

namespace Perceptor.Experiments.Reporting;

/// <summary>
/// Builds the comparison report from the diagnostics report blocks: verdicts per hypothesis, a table of arms (mean ±
/// seed standard deviation), eval PESQ per epoch for every arm on one plot, the mechanism plots (skip rate,
/// calibration, GAN share), every run, and what <c>diagnose</c> finds in each arm.
/// </summary>
public static class ComparisonReportBuilder
{
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"];
    private static readonly string[] SummaryHeader = ["arm", "seeds", "best PESQ", "final PESQ", "collapsed", "skip rate", "calib MAE"];
    private const string BaselineColor = "#333333";

    /// <summary>The report document; plots are rendered (PNG) when <paramref name="includePlots"/> is true.</summary>
    public static ReportDocument Build(ComparisonReport report, bool includePlots = true)
    {
        ArgumentNullException.ThrowIfNull(report);
        var doc = new ReportDocument($"Experiment report: {Path.GetFileName(report.Directory.TrimEnd('/', '\\'))}");
        doc.Paragraph(Describe(report));
        var cause = report.Cause;
        if (cause is not null)
        {
            Conclusion(doc, report, cause);
        }

        doc.Heading("Verdicts");
        if (report.Verdicts.Count == 0)
        {
            doc.Paragraph("No verdicts: " + (report.Notes.FirstOrDefault(n => n.Contains("baseline", StringComparison.Ordinal)) ?? "no runs found."));
        }
        else
        {
            doc.Table(["", "hypothesis", "tested by", "verdict", "what the numbers say"], report.Verdicts.Select(v => (IReadOnlyList<string>)
            [
                v.Hypothesis.Id, v.Hypothesis.Title,
                v.Comparisons.Count == 0 ? "-" : string.Join(", ", v.Comparisons.Select(c => c.Arm)),
                KindWord(v.Kind), v.Summary,
            ]));
            foreach (var v in report.Verdicts.Where(v => v.Kind != VerdictKind.NotTested))
            {
                var footer = new List<(string, string)> { ("Claim", v.Hypothesis.Claim + ".") };
                footer.AddRange(v.Caveats.Select(c => ("Caveat", c)));
                doc.Callout(KindLevel(v.Kind), v.Hypothesis.Id, $"{v.Hypothesis.Title}: {KindWord(v.Kind)}",
                    v.Comparisons.Select(c => c.Sentence).Concat(v.Evidence).ToList(), footer);
            }

            var o = report.Options;
            doc.Paragraph(string.Create(CultureInfo.InvariantCulture,
                $"How verdicts are decided: each arm's final eval PESQ is compared with the baseline's. Where both ran the same seeds, the " +
                $"comparison is paired by seed (a seed fixes the initial weights and the crop order in every arm): a difference counts when " +
                $"its mean is at least {o.MinEffect:0.0##} PESQ, more than {o.SpreadFactor:0.#} standard deviations of the per-seed " +
                $"differences, and every seed moves the same way. Without shared seeds it counts when it is at least {o.MinEffect:0.0##} " +
                $"PESQ, more than {o.SpreadFactor:0.#} seed standard deviations (the larger of the two arms') and no seed of one arm reaches " +
                $"the other. 'Not supported' means that even allowing for the spread, any effect is below {o.MinEffect:0.0##}. With one " +
                $"seed there is no spread to compare against, so every verdict is inconclusive."));
        }

        doc.Heading("Arms");
        doc.Paragraph("Mean ± standard deviation across seeds. Skip rate: discriminator steps skipped over batches; saturated: steps with " +
            "loss < 1e-3 over steps taken; calibration MAE: |D(clean, enhanced) - normalised PESQ| on the probe clips at the last epoch; " +
            "GAN share: share of the generator's gradient norm from the GAN term; clip failures: clips PESQ could not score.");
        doc.Table(["arm", "changes", "tests", "seeds", "best eval PESQ (epoch)", "final eval PESQ", "collapsed (onset)", "skip rate",
            "saturated", "calibration MAE", "GAN share", "clip failures"], report.Arms.Select(ArmRow));

        if (includePlots)
        {
            var plots = Plots(report);
            if (plots.Count > 0)
            {
                doc.Heading("Plots");
                foreach (var (file, caption, spec) in plots)
                {
                    doc.Figure(ChartRenderer.RenderImage(spec, file), caption);
                }
            }
        }

        doc.Heading("Findings of each arm");
        doc.Paragraph("What perceptor diagnose finds in each run, grouped by arm (run 'perceptor report <run folder>' for one run's full diagnosis).");
        foreach (var arm in report.Arms)
        {
            doc.Heading(arm.Name, 3);
            var groups = arm.Runs.SelectMany(r => r.Findings.Select(f => (Run: r, Finding: f)))
                .GroupBy(x => x.Finding.Id).OrderByDescending(g => g.Max(x => x.Finding.Severity)).ToList();
            doc.Bullets(groups.Count == 0
                ? ["No findings."]
                : groups.Select(g =>
                    $"{g.Key} ({DiagnosisReport.SeverityWord(g.Max(x => x.Finding.Severity))}) in {Seeds(g.Select(x => x.Run))}: {g.First().Finding.Title}"));
        }

        doc.Heading("Runs");
        doc.Table(["run", "status", "epochs", "best (epoch)", "final", "collapse onset", "skip rate", "saturated", "calibration MAE",
            "GAN share", "clip failures", "train time"], report.Arms.SelectMany(a => a.Runs).Select(RunRow));

        if (report.Notes.Count > 0)
        {
            doc.Heading("Notes");
            doc.Bullets(report.Notes);
        }

        if (cause is not null)
        {
            YourRun(doc, report, cause);
        }

        doc.Heading("Reproduce");
        doc.Bullets(Reproduce(report));
        return doc;
    }

    /// <summary>Writes report.md, report.html and the PNGs into <c>DIR/report/</c> and returns the files.</summary>
    public static IReadOnlyList<string> Write(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return ReportWriter.Write(Build(report), Path.Combine(report.Directory, "report"));
    }

    /// <summary>The charts with data, each with its PNG file name and caption.</summary>
    public static IReadOnlyList<(string FileName, string Caption, ChartSpec Spec)> Plots(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var colors = report.Arms.Select((a, i) => (a.Name, Color: a.IsBaseline ? BaselineColor : Palette[i % Palette.Length]))
            .ToDictionary(x => x.Name, x => x.Color);
        var noisy = report.Arms.Select(a => a.NoisyPesq).FirstOrDefault(s => s is not null);
        var pesq = PerEpoch(report, colors, r => r.EvalPesq) with
        {
            Title = "Eval PESQ per epoch (thick: mean over seeds; thin: each seed; ▲ peak, ✕ collapse onset)",
            YLabel = "PESQ (WB)",
            Markers = noisy is null ? [] : [new ChartMarker(noisy.Mean, string.Create(CultureInfo.InvariantCulture, $"noisy input {noisy.Mean:0.000}"), false, "#999999")],
        };
        pesq = pesq with { Series = [.. pesq.Series, .. PeaksAndOnsets(report, colors)] };
        var charts = new List<(string, string, ChartSpec)>
        {
            ("eval-pesq.png", "Eval PESQ per epoch for every arm, each seed's peak and collapse onset marked: a collapse shows as a fall " +
                "from the peak that does not recover", pesq),
            ("eval-loss.png", "Eval loss per epoch beside eval PESQ: when it bottoms out at the PESQ peak and rises while the training loss " +
                "keeps falling, the generator is fitting its training set, not the task (H7)",
                PerEpoch(report, colors, r => r.EvalLoss) with { Title = "Eval generator loss per epoch (lower is better)", YLabel = "eval loss" }),
            ("train-loss.png", "Training loss per epoch: it keeps falling through the collapse",
                PerEpoch(report, colors, r => r.TrainLoss) with { Title = "Training generator loss per epoch", YLabel = "train loss" }),
            ("skip-rate.png", "Share of skipped discriminator steps per epoch",
                PerEpoch(report, colors, r => r.SkipRateByEpoch) with { Title = "Skipped discriminator steps", YLabel = "share of batches" }),
            ("calibration-mae.png", "Discriminator calibration error on the probe clips (lower: D tracks PESQ)",
                PerEpoch(report, colors, r => r.CalibrationByEpoch) with { Title = "Calibration MAE", YLabel = "|D(c,e) - (PESQ-1)/3.5|" }),
            ("gan-share.png", "Share of the generator's gradient that comes from the GAN term",
                PerEpoch(report, colors, r => r.GanShareByEpoch) with { Title = "GAN share of the generator gradient", YLabel = "share" }),
        };
        return charts.Where(c => ChartRenderer.HasData(c.Item3)).ToList();
    }

    /// <summary>A short plain-text summary for the terminal: one line per arm, one per hypothesis tested.</summary>
    public static string Summary(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = new List<string[]> { SummaryHeader };
        rows.AddRange(report.Arms.Select(a => new[]
        {
            a.Name, a.Runs.Count.ToString(CultureInfo.InvariantCulture), Num(a.BestPesq), Num(a.FinalPesq),
            a.CollapseJudged == 0 ? "n/a" : $"{a.Collapsed}/{a.CollapseJudged}", VerdictRules.Pct(a.SkipRate), Num(a.CalibrationMae),
        }));
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var sb = new System.Text.StringBuilder();
        foreach (var row in rows)
        {
            sb.AppendLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }

        foreach (string line in StartLines(report.Manifest))
        {
            sb.AppendLine(line);
        }

        foreach (var v in report.Verdicts.Where(v => v.Kind != VerdictKind.NotTested))
        {
            sb.AppendLine($"{v.Hypothesis.Id} {v.Hypothesis.Title}: {v.Summary}");
        }

        foreach (string note in report.Notes.Take(5))
        {
            sb.AppendLine("note: " + note);
        }

        return sb.ToString();
    }

    private static ChartSpec PerEpoch(ComparisonReport report, Dictionary<string, string> colors,
        Func<RunSummary, IReadOnlyList<(int Epoch, double Value)>> select)
    {
        var series = new List<ChartSeries>();
        foreach (var arm in report.Arms)
        {
            var perRun = arm.Runs.Select(select).Where(p => p.Count > 0).ToList();
            if (perRun.Count == 0)
            {
                continue;
            }

            string color = colors[arm.Name];
            if (perRun.Count > 1)
            {
                foreach (var run in perRun)
                {
                    series.Add(new ChartSeries("", run.Select(p => (double)p.Epoch).ToList(), run.Select(p => p.Value).ToList())
                    {
                        Color = color, Style = ChartStyle.Line, LineWidth = 1, Dashed = true,
                    });
                }
            }

            var mean = SeedMean(perRun);
            string label = perRun.Count > 1 ? $"{arm.Name} (mean of {perRun.Count})" : arm.Name;
            series.Add(new ChartSeries(label, mean.Select(p => (double)p.Epoch).ToList(), mean.Select(p => p.Value).ToList())
            {
                Color = color, LineWidth = 2.5f,
            });
        }

        return new ChartSpec { Title = "", XLabel = "epoch", Series = series, IntegerX = true };
    }

    /// <summary>
    /// The mean over seeds at the epochs every seed reached: after one seed has stopped (a collapse confirmed, an
    /// interrupted run), a mean of the others would read as the arm moving. Seeds that share no epoch at all
    /// (different evaluation schedules) fall back to the mean of whatever each epoch has.
    /// </summary>
    internal static IReadOnlyList<(int Epoch, double Value)> SeedMean(IReadOnlyList<IReadOnlyList<(int Epoch, double Value)>> perRun)
    {
        var byEpoch = perRun.SelectMany(r => r).GroupBy(p => p.Epoch).OrderBy(g => g.Key).ToList();
        var common = byEpoch.Where(g => g.Count() == perRun.Count).ToList();
        return (common.Count > 0 ? common : byEpoch).Select(g => (g.Key, g.Average(p => p.Value))).ToList();
    }

    /// <summary>Each run's peak (triangle) and collapse onset (cross), in its arm's colour; one legend entry each.</summary>
    private static IEnumerable<ChartSeries> PeaksAndOnsets(ComparisonReport report, Dictionary<string, string> colors)
    {
        bool peakNamed = false, onsetNamed = false;
        foreach (var arm in report.Arms)
        {
            var peaks = arm.Runs.Where(r => r.BestEpoch is not null && r.BestPesq is not null).ToList();
            if (peaks.Count > 0)
            {
                yield return new ChartSeries(peakNamed ? "" : "peak (each seed)", peaks.Select(r => (double)r.BestEpoch!.Value).ToList(),
                    peaks.Select(r => r.BestPesq!.Value).ToList())
                { Color = colors[arm.Name], Style = ChartStyle.Points, MarkerSize = 11, Shape = ScottPlot.MarkerShape.FilledTriangleUp };
                peakNamed = true;
            }

            var onsets = arm.Runs.Where(r => r.CollapseOnset is not null)
                .Select(r => (Epoch: r.CollapseOnset!.Value, Pesq: r.EvalPesq.Where(p => p.Epoch == r.CollapseOnset).Select(p => (double?)p.Value).FirstOrDefault()))
                .Where(p => p.Pesq is not null).ToList();
            if (onsets.Count > 0)
            {
                yield return new ChartSeries(onsetNamed ? "" : "collapse onset (each seed)", onsets.Select(p => (double)p.Epoch).ToList(),
                    onsets.Select(p => p.Pesq!.Value).ToList())
                { Color = colors[arm.Name], Style = ChartStyle.Points, MarkerSize = 13, Shape = ScottPlot.MarkerShape.Cross };
                onsetNamed = true;
            }
        }
    }

    private static void Conclusion(ReportDocument doc, ComparisonReport report, CollapseCause cause)
    {
        doc.Heading("Conclusion");
        var items = new List<string>();
        var baseline = report.Baseline!;
        items.AddRange(cause.Evidence.Select(e => "Baseline " + e));
        foreach (var arm in report.Arms.Where(a => !a.IsBaseline))
        {
            items.Add(string.Create(CultureInfo.InvariantCulture,
                $"{arm.Name} ({(arm.Settings.Count == 0 ? "-" : string.Join(", ", arm.Settings))}; tests {(arm.Hypotheses.Count == 0 ? "-" : string.Join(", ", arm.Hypotheses))}): " +
                $"collapsed in {arm.Collapsed} of {arm.CollapseJudged} seeds, peak {Num(arm.BestPesq)}, final {Num(arm.FinalPesq)}."));
        }

        var footer = new List<(string, string)>();
        var pointers = baseline.Runs.SelectMany(r => r.Findings).GroupBy(f => f.Id).Select(g => g.First())
            .OrderByDescending(f => f.Severity).Select(f => f.Title).ToList();
        if (pointers.Count > 0)
        {
            footer.Add(("What diagnose saw in the baseline alone", string.Join("; ", pointers) + "."));
        }

        footer.Add(("Rule", "a cause is named only when the baseline collapsed in every seed, an arm collapsed in none of the same seeds and " +
            "ended higher (the paired verdict below), and another arm still collapsed in every seed."));
        doc.Callout(cause.Earned ? CalloutLevel.Ok : CalloutLevel.Info, "cause", cause.Headline, items, footer);
    }

    private static void YourRun(ReportDocument doc, ComparisonReport report, CollapseCause cause)
    {
        doc.Heading("What this means for your run");
        string data = report.Manifest?.Data is { } d ? JobArrayQuote(d) : "DATA";
        doc.Paragraph(cause.Earned
            ? $"Here the collapse came from {string.Join(" and ", cause.Causes)}, and the arms that removed it are {string.Join(", ", cause.Preventing)}. " +
              "A collapse in your training can have another cause; the same three steps tell which."
            : "This experiment named no cause; the same three steps on your data may.");
        doc.Bullets(
        [
            "Read what your logs already say: perceptor diagnose train.log (or your CSV log, or a run folder; several at once to compare runs). " +
                "Look for an eval loss that bottoms out at the PESQ peak while the training loss keeps falling (overtraining, H7), " +
                "the batch size (H6/H7), and skipped against saturated discriminator steps (H1/H2).",
            "Keep the best checkpoint rather than the last: train with --set collapse.earlyStop=true, or enhance with checkpoints/best.ckpt; " +
                "it does not fix the cause, but it keeps the peak.",
            $"Test the candidates on your own data, paired by seed: perceptor experiment --data {data} --out my-exp " +
                "--arms baseline,mask,batch-size=4,gen-lr=2e-4,train-files=N --seeds 1,2 --epochs E [--set ...your settings], with N about " +
                "half your training pairs (if overtraining is the cause, the collapse comes sooner on less data); then perceptor report my-exp.",
        ]);
    }

    private static string Describe(ComparisonReport report)
    {
        var m = report.Manifest;
        int runs = report.Arms.Sum(a => a.Runs.Count);
        string arms = string.Join(", ", report.Arms.Select(a => a.Name));
        if (m is null)
        {
            return $"{runs} run(s) in {report.Directory}, arms {arms}. No experiment.json: arms are the folder names, their settings inferred from config.json.";
        }

        return $"{runs} run(s) of {m.Arms.Count} arm(s) ({arms}) × seeds {string.Join(", ", m.Seeds)} on {m.Data}; " +
            $"preset {m.Preset ?? "default (CMGAN reference)"}, {(m.Epochs is { } e ? e.ToString(CultureInfo.InvariantCulture) : "the preset's")} epochs" +
            (m.CommonSettings.Count > 0 ? $", settings for every arm: {string.Join(" ", m.CommonSettings)}" : "") +
            $"; run {(m.Runner == "local" ? "locally" : "as a " + m.Runner + " job array")}. Every arm sees the same data, crops and seeds; " +
            "the baseline is the reference (skip-batch), every other arm changes only what its row says." + StartSentence(m);
    }

    // Runs that start from a checkpoint number their epochs from it: a collapse "at epoch 3" is the third epoch after it.
    private static string StartSentence(ExperimentManifest m)
    {
        if (m.InitialWeights.Count == 0)
        {
            return "";
        }

        string from = string.Join(" and ", m.InitialWeights.Select(w => w.ToString()));
        string disc = m.InitialWeights.Any(w => w.Part == Perceptor.Training.Checkpoints.ModelPart.Discriminator) ? "" : ", a fresh discriminator";
        return $" Every arm and seed started from the same {from}{disc} and fresh optimisers: epoch numbers count from that checkpoint " +
            "(epoch 1 is the first epoch trained after it, not the checkpoint's own epoch), so peaks and collapse onsets here are epochs after the start.";
    }

    /// <summary>One line per set of starting weights for the terminal summary (none when the runs started from their seeds).</summary>
    private static IEnumerable<string> StartLines(ExperimentManifest? m) =>
        m?.InitialWeights.Select(w => $"every arm started from {w}; epochs count from it") ?? [];

    private static IReadOnlyList<string> ArmRow(ArmSummary a) =>
    [
        a.Name,
        a.Settings.Count == 0 ? (a.IsBaseline ? "reference" : "-") : string.Join(", ", a.Settings),
        a.Hypotheses.Count == 0 ? "-" : string.Join(", ", a.Hypotheses),
        a.Runs.Count.ToString(CultureInfo.InvariantCulture),
        Num(a.BestPesq) + (a.BestEpoch is { } e ? $" ({Epochs(e)})" : ""),
        Num(a.FinalPesq),
        a.CollapseJudged == 0 ? "n/a" : $"{a.Collapsed}/{a.CollapseJudged}" + (a.CollapseOnsets.Count > 0 ? $" ({string.Join(", ", a.CollapseOnsets)})" : ""),
        VerdictRules.Pct(a.SkipRate),
        VerdictRules.Pct(a.SaturatedShare),
        Num(a.CalibrationMae),
        VerdictRules.Pct(a.GanShare),
        VerdictRules.Pct(a.ClipFailureRate),
    ];

    private static IReadOnlyList<string> RunRow(RunSummary r) =>
    [
        r.Folder,
        StatusWord(r.Progress),
        r.EpochsPlanned is { } p ? $"{r.EpochsLogged}/{p}" : r.EpochsLogged.ToString(CultureInfo.InvariantCulture),
        r.BestPesq is { } b ? $"{VerdictRules.P(b)} ({r.BestEpoch})" : "n/a",
        r.FinalPesq is { } f ? VerdictRules.P(f) : "n/a",
        r.Collapsed switch { true => $"epoch {r.CollapseOnset}", false => "none", null => "n/a" },
        Pct(r.SkipRate),
        Pct(r.SaturatedShare),
        r.CalibrationMae is { } m ? VerdictRules.P(m) : "n/a",
        Pct(r.GanShare),
        Pct(r.ClipFailureRate),
        TimeSpan.FromSeconds(r.TrainSeconds).ToString(r.TrainSeconds >= 3600 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture),
    ];

    private static IEnumerable<string> Reproduce(ComparisonReport report)
    {
        var m = report.Manifest;
        string dir = JobArrayQuote(report.Directory);
        if (m is not null)
        {
            string arms = string.Join(",", m.Arms.Where(a => a.Name != Arms.Arm.BaselineName).Select(a =>
                a.Description.StartsWith("custom: ", StringComparison.Ordinal) ? $"{a.Name}:{string.Join(",", a.Settings)}" : a.Name).Prepend("baseline"));
            string cmd = $"perceptor experiment --data {JobArrayQuote(m.Data)} --out {dir} --arms '{arms}' --seeds {string.Join(",", m.Seeds)}" +
                (m.Epochs is { } e ? $" --epochs {e}" : "") + (m.Preset is { } p ? $" --preset {p}" : "") +
                (m.Config is { } c ? $" --config {JobArrayQuote(c)}" : "") + string.Concat(m.CommonSettings.Select(s => $" --set {s}")) +
                string.Concat(m.InitialWeights.Select(w => $" {StartingWeights.OptionName(w.Part)} {JobArrayQuote(w.Path)}"));
            yield return "Run or continue this experiment (finished runs are skipped, interrupted ones resume): " + cmd;
        }

        yield return $"Rebuild this report: perceptor report {dir}";
        yield return "Diagnose one run in full: perceptor report <experiment>/<arm>/seed-<s>";
    }

    private static string JobArrayQuote(string path) => path.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '&' or ';')
        ? Cluster.JobArrayScriptWriter.Quote(path) : path;

    private static string Seeds(IEnumerable<RunSummary> runs)
    {
        var seeds = runs.Select(r => r.Seed).Distinct().ToList();
        return seeds.Count == 1 && seeds[0] is { } one ? $"seed {one}" : "seeds " + string.Join(", ", seeds.Select(s => s?.ToString(CultureInfo.InvariantCulture) ?? "?"));
    }

    private static string Num(Spread? s) => VerdictRules.Num(s);

    private static string Epochs(Spread s) => s.N > 1 && s.Min != s.Max
        ? string.Create(CultureInfo.InvariantCulture, $"epochs {s.Min:0}-{s.Max:0}")
        : string.Create(CultureInfo.InvariantCulture, $"epoch {s.Mean:0}");

    private static string Pct(double? v) => v is { } x ? x.ToString("0.0%", CultureInfo.InvariantCulture) : "n/a";

    private static string StatusWord(RunProgress p) => p switch
    {
        RunProgress.Completed => "completed",
        RunProgress.EarlyStopped => "stopped early (collapse)",
        RunProgress.Diverged => "diverged (non-finite)",
        RunProgress.Resumable => "unfinished (resumable)",
        RunProgress.Started => "unfinished (no checkpoint)",
        _ => "not started",
    };

    /// <summary>The verdict as a word.</summary>
    public static string KindWord(VerdictKind kind) => kind switch
    {
        VerdictKind.Supported => "supported",
        VerdictKind.Contradicted => "contradicted",
        VerdictKind.NotSupported => "not supported",
        VerdictKind.Inconclusive => "inconclusive",
        _ => "not tested",
    };

    private static CalloutLevel KindLevel(VerdictKind kind) => kind switch
    {
        VerdictKind.Supported => CalloutLevel.Ok,
        VerdictKind.Contradicted => CalloutLevel.Warning,
        _ => CalloutLevel.Info,
    };
}
