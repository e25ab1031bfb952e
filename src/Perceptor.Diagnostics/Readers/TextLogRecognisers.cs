using System.Globalization;
using System.Text.RegularExpressions;
using Perceptor.Diagnostics.RunLog;

namespace Perceptor.Diagnostics.Readers;

/// <summary>
/// The line recognisers of the text-log reader: each turns one line, on its own, into a <see cref="TextLogEvent"/>
/// (step, test, configuration, discriminator counters, calibration, progress-bar redraw, or nothing known). Pure:
/// nothing here depends on the lines before or after.
/// </summary>
internal static partial class TextLogRecognisers
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    [GeneratedRegex(@"\bepoch\b\s*[:=#]?\s*\[?\s*(\d+)", Options)]
    public static partial Regex EpochRegex();

    [GeneratedRegex(@"\b(?:step|iter|iteration)\b\s*[:=#]?\s*\[?\s*(\d+)", Options)]
    public static partial Regex StepRegex();

    [GeneratedRegex(@"\b(?:loss|pesq)\b", Options)]
    public static partial Regex MetricWordRegex();

    // The logger prefix of a line ("INFO:root:GPU: "): lines that share it come from the same print.
    [GeneratedRegex(@"^[^0-9]{4,}?(?=[0-9])")]
    public static partial Regex PrefixRegex();

    [GeneratedRegex(@"\bgpu\s*[:=]?\s*(\d+)", Options)]
    public static partial Regex GpuRegex();

    [GeneratedRegex(@"\b(?:step|iter|iteration)\b", Options)]
    private static partial Regex StepWordRegex();

    [GeneratedRegex(@"\bepoch\b", Options)]
    private static partial Regex EpochWordRegex();

    // The word of a number as the last field of a line: nothing but a (partial) value follows it.
    [GeneratedRegex(@"\b(?:epoch|step|iter|iteration)\b[^,;]*$", Options)]
    private static partial Regex TrailingNumberWordRegex();

    [GeneratedRegex(@"(?<key>[A-Za-z][A-Za-z0-9_ \-\.]*?)\s*[:=]\s*(?<val>[^,;\s:]*)", RegexOptions.CultureInvariant)]
    private static partial Regex KeyValueRegex();

    [GeneratedRegex(@"\[\s*disc\s*stats\s*\]\s*trained\s*:\s*(\d+)\s*/\s*(\d+)", Options)]
    private static partial Regex DiscStatsRegex();

    [GeneratedRegex(@"\[\s*skip\s*\]", Options)]
    private static partial Regex SkipMarkRegex();

    [GeneratedRegex(@"\[\s*disc\s*check\s*\]\s*epoch\s*(\d+)", Options)]
    private static partial Regex DiscCheckRegex();

    [GeneratedRegex(@"pred\s*\(\s*clean\s*,\s*clean\s*\)[^:]*:\s*(\S+)", Options)]
    private static partial Regex PredCleanCleanRegex();

    [GeneratedRegex(@"pred\s*\(\s*clean\s*,\s*(?:enhanced|estimated|est)\s*\)[^:]*:\s*(\S+)", Options)]
    private static partial Regex PredCleanEnhancedRegex();

    [GeneratedRegex(@"actual\s+pesq\s+normali[sz]ed\s*:\s*(\S+)", Options)]
    private static partial Regex ActualPesqNormRegex();

    [GeneratedRegex(@"\b(init_lr|gen_lr|lr_gen|disc_lr|lr_disc|batch_size|log_interval)\s*=\s*([-+0-9.eE]+)", Options)]
    private static partial Regex ConfigNumberRegex();

    [GeneratedRegex(@"\bloss_weights\s*[=:]\s*\[([^\]]*)\]", Options)]
    private static partial Regex LossWeightsRegex();

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex AnsiEscapeRegex();

    // "Epoch 3", "epoch 3/100", "Train E3", "Ep: 3", "[3/100]" or just "3".
    [GeneratedRegex(@"\b(?:epoch|ep|e)\s*[:=#]?\s*\[?\s*(\d+)|^\s*\[?\s*(\d+)\s*(?:/\s*\d+)?\s*\]?\s*$", Options)]
    private static partial Regex DescriptionEpochRegex();

    // A name (words of letters, digits, _ - .) and its value after ':' or '=', or after a space where the value is a
    // number: set_postfix writes "gen_loss=0.123, disc_loss=0.004", set_postfix_str any text ("G_loss 0.12 D_loss 0.004").
    [GeneratedRegex(@"(?<key>[A-Za-z][A-Za-z0-9_\-.]*(?: [A-Za-z][A-Za-z0-9_\-.]*)*)(?:\s*[:=]\s*|\s+(?=[-+]?\.?[0-9]))(?<val>[^,;\s|]*)", RegexOptions.CultureInvariant)]
    private static partial Regex BarFieldRegex();

    /// <summary>
    /// Every event of the log in order: per line, per part between carriage returns (a progress bar redraws itself
    /// with \r, so one line of the file can hold many updates). <paramref name="lastContentLine"/> is the number of
    /// the last line with any text (0: none); <paramref name="hasStepLines"/> says whether any part outside a progress
    /// bar reads as a step line with losses.
    /// </summary>
    public static List<TextLogEvent> Recognise(List<string> lines, out int lastContentLine, out bool hasStepLines)
    {
        var segments = lines
            .Select(l => Segments(l).Select(t => (Text: t, Bar: HasControlCharacters(t) ? null : TqdmUpdate.TryParse(t))).ToList())
            .ToList();
        lastContentLine = segments.FindLastIndex(s => s.Count > 0) + 1;
        hasStepLines = segments.SelectMany(l => l).Any(s => s.Bar is null && IsStepLineWithLosses(s.Text));
        var events = new List<TextLogEvent>();
        for (int i = 0; i < segments.Count; i++)
        {
            for (int k = 0; k < segments[i].Count; k++)
            {
                var (text, bar) = segments[i][k];
                if (bar is null)
                {
                    events.Add(RecogniseLine(i + 1, text));
                }
                else
                {
                    bool endOfLog = i + 1 == lastContentLine && k == segments[i].Count - 1;
                    // Printed while the bar was open (print rather than tqdm.write): the line follows the bar's last redraw.
                    var rest = bar.Closed && !string.IsNullOrWhiteSpace(bar.Rest) ? RecogniseLine(i + 1, bar.Rest.Trim()) : null;
                    events.Add(new BarRedraw(i + 1, text, endOfLog, bar, rest));
                }
            }
        }

        return events;
    }

    /// <summary>What one line of text (not a progress bar) is.</summary>
    public static TextLogEvent RecogniseLine(int number, string line)
    {
        if (HasControlCharacters(line))
        {
            return new UnreadableLine(number);
        }

        Match check = DiscCheckRegex().Match(line);
        if (check.Success)
        {
            return new CalibrationStart(number, ParseInt(check.Groups[1].Value) ?? int.MaxValue);
        }

        foreach (var (regex, slot) in new (Regex, CalibrationSlot)[]
        {
            (PredCleanCleanRegex(), CalibrationSlot.CleanClean),
            (PredCleanEnhancedRegex(), CalibrationSlot.CleanEnhanced),
            (ActualPesqNormRegex(), CalibrationSlot.PesqNorm),
        })
        {
            Match m = regex.Match(line);
            if (m.Success)
            {
                return new CalibrationValue(number, slot, m.Groups[1].Value, RecogniseOutsideCalibration(number, line));
            }
        }

        return RecogniseOutsideCalibration(number, line);
    }

    // Whether a line reads as a step line with losses: such a log shows its steps in lines, not bars.
    private static bool IsStepLineWithLosses(string text) =>
        EpochRegex().IsMatch(text) && StepRegex().IsMatch(text) && MetricWordRegex().IsMatch(text);

    /// <summary>The GPU rank a line names, if it names one and mentions a loss or PESQ.</summary>
    public static int? MetricLineGpu(string line) =>
        MetricWordRegex().IsMatch(line) && GpuRegex().Match(line) is { Success: true } m ? ParseInt(m.Groups[1].Value) ?? int.MaxValue : null;

    /// <summary>The values of a progress-bar redraw, from its description and postfix; names not known are collected in <paramref name="unknown"/>.</summary>
    public static List<LogField> BarFields(TqdmUpdate update, ICollection<string> unknown)
    {
        var fields = new List<LogField>();
        foreach (string text in new[] { update.Description, update.Postfix })
        {
            foreach (Match m in BarFieldRegex().Matches(text))
            {
                string key = m.Groups["key"].Value.Trim();
                string raw = m.Groups["val"].Value;
                double? value = LogNumber.TryParse(raw, out double v) ? v : null;
                var name = MetricNameClassifier.Classify(key);
                if (name.Role is MetricRole.None)
                {
                    if (value is not null && text == update.Postfix)
                    {
                        unknown.Add(key);
                    }

                    continue;
                }

                if (name.Role is not (MetricRole.Epoch or MetricRole.Step))
                {
                    fields.Add(new LogField(name, key, raw, value));
                }
            }
        }

        return fields;
    }

    /// <summary>The epoch a progress bar's description names, if any.</summary>
    public static int? DescriptionEpoch(string description)
    {
        Match m = DescriptionEpochRegex().Match(description);
        return !m.Success ? null : ParseInt(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value) ?? int.MaxValue;
    }

    private static TextLogEvent RecogniseOutsideCalibration(int number, string line)
    {
        Match stats = DiscStatsRegex().Match(line);
        if (stats.Success)
        {
            return new DiscStatsLine(number, long.Parse(stats.Groups[1].Value, CultureInfo.InvariantCulture),
                long.Parse(stats.Groups[2].Value, CultureInfo.InvariantCulture));
        }

        if (SkipMarkRegex().IsMatch(line))
        {
            return new SkipMarkLine(number);
        }

        return RecogniseConfig(number, line) ?? RecogniseMetricLine(number, line);
    }

    private static ConfigLine? RecogniseConfig(int number, string line)
    {
        bool looksLikeConfig = line.Contains("Namespace(", StringComparison.Ordinal) ||
            ((LossWeightsRegex().IsMatch(line) || ConfigNumberRegex().IsMatch(line)) &&
             !StepRegex().IsMatch(line) && !EpochRegex().IsMatch(line));
        if (!looksLikeConfig)
        {
            return null;
        }

        double? genLr = null, discLr = null;
        int? batchSize = null, logInterval = null;
        foreach (Match m in ConfigNumberRegex().Matches(line))
        {
            if (!LogNumber.TryParse(m.Groups[2].Value, out double v) || !double.IsFinite(v))
            {
                continue;
            }

            switch (m.Groups[1].Value.ToLowerInvariant())
            {
                case "init_lr" or "gen_lr" or "lr_gen":
                    genLr = v;
                    break;
                case "disc_lr" or "lr_disc":
                    discLr = v;
                    break;
                case "batch_size":
                    batchSize = (int)v;
                    break;
                case "log_interval":
                    logInterval = (int)v;
                    break;
            }
        }

        TermValues? lossWeights = null;
        Match w = LossWeightsRegex().Match(line);
        if (w.Success)
        {
            var parts = w.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var values = parts.Select(p => LogNumber.TryParse(p, out double x) ? x : double.NaN).ToArray();
            if (values.Length == 4 && values.All(double.IsFinite))
            {
                lossWeights = new TermValues(values[0], values[1], values[2], values[3]);
            }
        }

        return new ConfigLine(number, genLr, discLr, batchSize, logInterval, lossWeights);
    }

    private static TextLogEvent RecogniseMetricLine(int number, string line)
    {
        Match gpuMatch = GpuRegex().Match(line);
        int? gpu = gpuMatch.Success ? ParseInt(gpuMatch.Groups[1].Value) ?? int.MaxValue : null;
        var fields = ParseFields(line);
        Match epochMatch = EpochRegex().Match(line);
        Match stepMatch = StepRegex().Match(line);
        bool anyMetric = fields.Any(f => f.Name.Role is MetricRole.GenLoss or MetricRole.DiscLoss or
            MetricRole.Pesq or MetricRole.NoisyPesq);
        if (epochMatch.Success && stepMatch.Success)
        {
            // A number too long to be one is garbled: the line is damaged, not a step to use.
            int? epoch = ParseInt(epochMatch.Groups[1].Value);
            int? step = ParseInt(stepMatch.Groups[1].Value);
            return epoch is { } e && step is { } s
                ? new StepLine(number, line, gpu, e, s, fields)
                : new DamagedStepLine(number, line, gpu, epoch is null ? "epoch" : "step", Trailing: false);
        }

        bool stepWord = StepWordRegex().IsMatch(line);
        bool epochWord = EpochWordRegex().IsMatch(line);
        if (anyMetric && (stepWord || (epochWord && !epochMatch.Success)))
        {
            // A step line whose epoch or step number is damaged: reading it as a test line would invent an epoch.
            return new DamagedStepLine(number, line, gpu, !epochMatch.Success ? "epoch" : "step",
                TrailingNumberWordRegex().IsMatch(line));
        }

        return anyMetric
            ? new TestLine(number, line, gpu, epochMatch.Success ? ParseInt(epochMatch.Groups[1].Value) ?? int.MaxValue : null, fields)
            : new OtherLine(number, line, gpu);
    }

    private static List<LogField> ParseFields(string line)
    {
        var fields = new List<LogField>();
        foreach (Match m in KeyValueRegex().Matches(line))
        {
            string key = m.Groups["key"].Value.Trim();
            // A key is the last words before the separator: "INFO:root:GPU" has been split at the colons.
            var name = MetricNameClassifier.Classify(key);
            if (name.Role is MetricRole.None or MetricRole.Epoch or MetricRole.Step)
            {
                continue;
            }

            string raw = m.Groups["val"].Value;
            double? value = LogNumber.TryParse(raw, out double v) ? v : null;
            fields.Add(new LogField(name, key, raw, value));
        }

        return fields;
    }

    // The parts of a line between carriage returns, without terminal escapes, that hold any text.
    private static List<string> Segments(string line)
    {
        var segments = new List<string>();
        foreach (string part in line.Split('\r'))
        {
            string text = AnsiEscapeRegex().Replace(part, "");
            if (!string.IsNullOrWhiteSpace(text))
            {
                segments.Add(text);
            }
        }

        return segments;
    }

    private static bool HasControlCharacters(string line) => line.Any(c => (c < ' ' && c != '\t') || c == '\uFFFD');

    private static int? ParseInt(string s) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : null;
}
