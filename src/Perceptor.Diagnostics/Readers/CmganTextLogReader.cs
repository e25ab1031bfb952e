using System.Globalization;
using System.Text.RegularExpressions;
using Perceptor.Diagnostics.RunLog;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Readers;

/// <summary>
/// Reads the text log of the CMGAN Python reference and of patched copies of it: step lines
/// (<c>GPU: 0, Epoch 3, Step 500, loss: 0.14, disc_loss: 0.0012</c>, also without the GPU part), test lines
/// (<c>Test Gen loss: 0.11, Disc loss: 0.004, PESQ: 2.57</c> or <c>Generator loss: .., Discriminator loss: ..</c>),
/// the argument dump (<c>Namespace(... init_lr=0.0005, loss_weights=[...])</c>) and the diagnostic lines the
/// seed analysis proposes (<c>[DISC STATS] Trained: a/b</c>, <c>[DISC CHECK] Epoch n</c> with its
/// <c>Pred(...)</c> lines). Prefixes (logger names, timestamps), case and key separators do not matter.
/// Training losses may instead come from tqdm progress bars written to the file (<see cref="TqdmUpdate"/>): each
/// redraw whose postfix holds losses is one logged step at the bar's counter. Lines are numbered by \n, so a line of
/// bar redraws separated by \r is one line.
/// A line that looks like one of these but cannot be read is reported by number; the rest is still used.
/// </summary>
public static partial class CmganTextLogReader
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>Reads the log at <paramref name="path"/>.</summary>
    public static RunData Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads a log from <paramref name="reader"/>; <paramref name="path"/> names it in messages.</summary>
    public static RunData Read(TextReader reader, string path)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(path);
        // Numbered as an editor numbers them; a progress bar's redraws (\r) stay inside their line.
        var lines = LogLines.ReadPhysical(reader);

        return new Parser(lines, path).Run();
    }

    [GeneratedRegex(@"\bepoch\b\s*[:=#]?\s*\[?\s*(\d+)", Options)]
    private static partial Regex EpochRegex();

    [GeneratedRegex(@"\b(?:step|iter|iteration)\b\s*[:=#]?\s*\[?\s*(\d+)", Options)]
    private static partial Regex StepRegex();

    [GeneratedRegex(@"\b(?:step|iter|iteration)\b", Options)]
    private static partial Regex StepWordRegex();

    [GeneratedRegex(@"\bepoch\b", Options)]
    private static partial Regex EpochWordRegex();

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

    [GeneratedRegex(@"\bgpu\s*[:=]?\s*(\d+)", Options)]
    private static partial Regex GpuRegex();

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex AnsiEscapeRegex();

    [GeneratedRegex(@"\b(?:loss|pesq)\b", Options)]
    private static partial Regex MetricWordRegex();

    [GeneratedRegex(@"^[^0-9]{4,}?(?=[0-9])")]
    private static partial Regex PrefixRegex();

    private sealed class EvalAccumulator
    {
        public int Epoch { get; init; }
        public int Line { get; init; }
        public double? GenLoss { get; set; }
        public double? DiscLoss { get; set; }
        public double? Pesq { get; set; }
        public double? NoisyPesq { get; set; }
        public double? TrainLoss { get; set; }
        public double? TrainDiscLoss { get; set; }
        public double? LrGen { get; set; }
        public double? LrDisc { get; set; }
    }

    private sealed class CalibrationAccumulator
    {
        public int Epoch { get; init; }
        public double? CleanClean { get; set; }
        public double? CleanEnhanced { get; set; }
        public double? PesqNorm { get; set; }
    }

    private sealed record Field(MetricName Name, string Key, string Raw, double? Value);

    private sealed partial class Parser(List<string> lines, string path)
    {
        private readonly List<ReadProblem> _problems = [];
        private readonly List<string> _notes = [];
        private readonly List<(StepPoint Point, string? DiscToken, bool DiscNone, bool FromBar)> _steps = [];
        private readonly SortedDictionary<int, EvalAccumulator> _evals = [];
        private readonly List<CalibrationPoint> _calibration = [];
        private readonly Dictionary<string, int> _recognisedPrefixes = new(StringComparer.Ordinal);
        private readonly List<(int Line, string Text)> _unrecognised = [];
        private readonly Dictionary<int, (double? Gen, double? Disc)> _stepLrs = [];
        private int? _lastStepEpoch;
        private int? _gpu;
        private readonly SortedSet<int> _otherGpuLines = [];
        private int _lastStepInEpoch;
        private bool _stepsSinceEval;
        private EvalAccumulator? _openEval;
        private CalibrationAccumulator? _openCalibration;
        private (long Trained, long Total, int Line)? _discStats;
        private int _skipMarks;
        private double? _genLr;
        private double? _discLr;
        private int? _batchSize;
        private int? _logInterval;
        private TermValues? _lossWeights;
        private int _lastContentLine;

        public RunData Run()
        {
            for (int i = lines.Count - 1; i >= 0; i--)
            {
                if (Segments(lines[i]).Count > 0)
                {
                    _lastContentLine = i + 1;
                    break;
                }
            }

            if (_lastContentLine == 0)
            {
                throw new LogReadException($"{path}: the file is empty");
            }

            // Ranks of a multi-GPU run print in no fixed order: use the lowest rank that logs losses (rank 0, the one
            // that saves the checkpoints), not whichever printed first.
            _gpu = lines.Where(l => MetricWordRegex().IsMatch(l)).Select(l => GpuRegex().Match(l)).Where(m => m.Success)
                .Select(m => ParseInt(m.Groups[1].Value)).Cast<int?>().Min();
            var segments = lines
                .Select(l => Segments(l).Select(t => (Text: t, Bar: HasControlCharacters(t) ? null : TqdmUpdate.TryParse(t))).ToList())
                .ToList();
            DecideBarSteps(segments.SelectMany(l => l));
            for (int i = 0; i < lines.Count; i++)
            {
                for (int k = 0; k < segments[i].Count; k++)
                {
                    var (text, bar) = segments[i][k];
                    if (bar is null)
                    {
                        ParseLine(i + 1, text);
                    }
                    else
                    {
                        bool endOfLog = i + 1 == _lastContentLine && k == segments[i].Count - 1;
                        ReadBarUpdate(i + 1, endOfLog, text, bar);
                    }
                }
            }

            CloseCalibration();
            FlagUnrecognisedLookalikes();
            return Build();
        }

        // The parts of a line between carriage returns, without terminal escapes, that hold any text: a progress bar
        // redraws itself with \r (and moves the cursor with escapes), so one line of the file can hold many updates.
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

        private void ParseLine(int number, string line)
        {
            if (HasControlCharacters(line))
            {
                _problems.Add(new ReadProblem(number,
                    "unreadable characters (binary data or a broken text encoding); line skipped"));
                return;
            }

            if (TryCalibration(number, line) || TryDiagnosticCounters(number, line) || TryConfig(line))
            {
                return;
            }

            CloseCalibration();
            Match gpu = GpuRegex().Match(line);
            if (gpu.Success)
            {
                int id = ParseInt(gpu.Groups[1].Value);
                _gpu ??= id;
                if (id != _gpu)
                {
                    _otherGpuLines.Add(id);
                    Recognised(line);
                    return;
                }
            }

            var fields = ParseFields(line);
            Match epochMatch = EpochRegex().Match(line);
            Match stepMatch = StepRegex().Match(line);
            bool anyMetric = fields.Any(f => f.Name.Role is MetricRole.GenLoss or MetricRole.DiscLoss or
                MetricRole.Pesq or MetricRole.NoisyPesq);

            bool stepWord = StepWordRegex().IsMatch(line);
            bool epochWord = EpochWordRegex().IsMatch(line);
            if (epochMatch.Success && stepMatch.Success)
            {
                ParseStepLine(number, line, epochMatch, stepMatch, fields);
                Recognised(line);
            }
            else if (anyMetric && (stepWord || (epochWord && !epochMatch.Success)))
            {
                // A step line whose epoch or step number is damaged: reading it as a test line would invent an epoch.
                string what = !epochMatch.Success ? "no readable epoch number" : "no readable step number";
                _problems.Add(new ReadProblem(number, number == _lastContentLine
                    ? $"step line with {what} (the log ends here: it looks cut off); line skipped"
                    : $"step line with {what}: '{Excerpt(line)}'; line skipped"));
                Recognised(line);
            }
            else if (anyMetric)
            {
                ParseEvalLine(number, epochMatch, fields);
                Recognised(line);
            }
            else
            {
                _unrecognised.Add((number, line));
            }
        }

        private static List<Field> ParseFields(string line)
        {
            var fields = new List<Field>();
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
                fields.Add(new Field(name, key, raw, value));
            }

            return fields;
        }

        private void ReportBadFields(int number, IEnumerable<Field> fields)
        {
            foreach (var f in fields.Where(f => f.Value is null))
            {
                string what = f.Raw.Length == 0
                    ? $"'{f.Key}' has no value"
                    : $"'{f.Key}' has '{Excerpt(f.Raw)}', which is not a number";
                _problems.Add(new ReadProblem(number, number == _lastContentLine
                    ? what + " (the log ends here: it looks cut off); the rest of the line is used"
                    : what + "; the rest of the line is used"));
            }
        }

        private void ParseStepLine(int number, string line, Match epochMatch, Match stepMatch, List<Field> fields)
        {
            int epoch = ParseInt(epochMatch.Groups[1].Value);
            int step = ParseInt(stepMatch.Groups[1].Value);
            // Epochs going back, steps going back within an epoch, or steps of an epoch already evaluated: the
            // trainer started again (a resume or a new run appended to the same file).
            if (_lastStepEpoch is { } previous &&
                (epoch < previous || (epoch == previous && (step <= _lastStepInEpoch || _evals.ContainsKey(epoch)))))
            {
                Restart(number, epoch);
            }

            AddStep(number, epoch, step, fields, fromBar: false);
        }

        private static Field? TrainLoss(List<Field> fields, MetricRole role) =>
            fields.FirstOrDefault(f => f.Name.Role == role && f.Name.Split != MetricSplit.Eval);

        private void AddStep(int number, int epoch, int? step, List<Field> fields, bool fromBar)
        {
            Field? gen = TrainLoss(fields, MetricRole.GenLoss);
            Field? disc = TrainLoss(fields, MetricRole.DiscLoss);
            // A trainer that returns None instead of a loss when it skips the discriminator step prints "None".
            bool discNone = disc is { Value: null } && disc.Raw.Trim('\'', '"') is var r &&
                (r.Equals("None", StringComparison.OrdinalIgnoreCase) || r.Equals("null", StringComparison.OrdinalIgnoreCase));
            var bad = discNone ? fields.Where(f => f != disc) : fields;
            if (fromBar)
            {
                ReportBadBarFields(number, bad);
            }
            else
            {
                ReportBadFields(number, bad);
            }

            if (gen is null && disc is null)
            {
                _problems.Add(new ReadProblem(number, number == _lastContentLine
                    ? "step line without loss values: the log ends here and looks cut off"
                    : "step line without loss values; line skipped"));
                return;
            }

            foreach (var f in fields.Where(f => f.Name.Role is MetricRole.Lr or MetricRole.LrGen or MetricRole.LrDisc && f.Value is not null))
            {
                var lr = _stepLrs.GetValueOrDefault(epoch);
                _stepLrs[epoch] = f.Name.Role == MetricRole.LrDisc ? (lr.Gen, f.Value) : (f.Value, lr.Disc);
            }

            _steps.Add((new StepPoint
            {
                Epoch = epoch,
                StepInEpoch = step,
                GenLoss = gen?.Value,
                DiscLoss = disc?.Value,
                Line = number,
            }, disc?.Value is null ? null : disc.Raw, discNone, fromBar));
            _lastStepEpoch = epoch;
            _lastStepInEpoch = step ?? 0;
            _stepsSinceEval = true;
        }

        private void ParseEvalLine(int number, Match epochMatch, List<Field> fields)
        {
            ReportBadFields(number, fields);
            int? explicitEpoch = epochMatch.Success ? ParseInt(epochMatch.Groups[1].Value) : null;
            var usable = fields.Where(f => f.Value is not null).ToList();
            if (usable.Count == 0)
            {
                return;
            }

            bool collides = _openEval is not null && usable.Any(f => Slot(_openEval, f.Name) is not null);
            if (collides && ReplacesCutLine(number, explicitEpoch, usable))
            {
                return;
            }

            bool merge = _openEval is not null && !_stepsSinceEval && !collides &&
                (explicitEpoch is null || explicitEpoch == _openEval.Epoch);
            int epoch = merge ? _openEval!.Epoch
                : explicitEpoch ?? (_stepsSinceEval && _lastStepEpoch is { } s && s > (_openEval?.Epoch ?? -1)
                    ? s
                    : (_openEval?.Epoch ?? _lastStepEpoch ?? -1) + 1);
            var acc = EvalFor(epoch, number, explicitEpoch is not null, merge);
            foreach (var f in usable)
            {
                Assign(acc, f.Name, f.Value!.Value);
            }

            _openEval = acc;
            _stepsSinceEval = false;
        }

        // Two test lines with no step line between them belong to the same epoch when the log has step lines. If the
        // first holds only some of the values the second has again, it was cut (a damaged write); reading the second as
        // the next epoch's would shift every later epoch and fake a resume, so the second replaces the first.
        private bool ReplacesCutLine(int number, int? explicitEpoch, List<Field> usable)
        {
            if (_openEval is not { } previous || _stepsSinceEval || explicitEpoch is not null || _lastStepEpoch is null)
            {
                return false;
            }

            var had = Filled(previous);
            var has = usable.Select(f => SlotName(f.Name)).OfType<string>().ToHashSet();
            if (!had.IsProperSubsetOf(has))
            {
                return false;
            }

            _problems.Add(new ReadProblem(previous.Line, string.Create(CultureInfo.InvariantCulture,
                $"test line with only {string.Join(", ", had)}, where the next test line (line {number}) also has " +
                $"{string.Join(", ", has.Except(had))}: it looks cut off; line {number} is used instead")));
            var fresh = new EvalAccumulator { Epoch = previous.Epoch, Line = number };
            foreach (var f in usable)
            {
                Assign(fresh, f.Name, f.Value!.Value);
            }

            _evals[previous.Epoch] = fresh;
            _openEval = fresh;
            return true;
        }

        private static string? SlotName(MetricName name) => (name.Role, name.Split) switch
        {
            (MetricRole.GenLoss, MetricSplit.Train) => "train loss",
            (MetricRole.GenLoss, _) => "loss",
            (MetricRole.DiscLoss, MetricSplit.Train) => "train disc loss",
            (MetricRole.DiscLoss, _) => "disc loss",
            (MetricRole.Pesq, MetricSplit.Train) => null,
            (MetricRole.Pesq, _) => "PESQ",
            (MetricRole.NoisyPesq, _) => "noisy PESQ",
            _ => null,
        };

        // One name per value slot of a test line, in the order Slot and SlotName map them.
        private static readonly MetricName[] EvalSlots =
        [
            new(MetricRole.GenLoss, MetricSplit.Train, false), new(MetricRole.GenLoss, MetricSplit.Eval, false),
            new(MetricRole.DiscLoss, MetricSplit.Train, false), new(MetricRole.DiscLoss, MetricSplit.Eval, false),
            new(MetricRole.Pesq, MetricSplit.Eval, false), new(MetricRole.NoisyPesq, MetricSplit.Eval, false),
        ];

        private static HashSet<string> Filled(EvalAccumulator acc) =>
            EvalSlots.Where(n => Slot(acc, n) is not null).Select(n => SlotName(n)!).ToHashSet(StringComparer.Ordinal);

        // A test line without a value (PESQ, say) that nearly every other test line has was most likely cut.
        private void FlagMissingEvalValues()
        {
            if (_evals.Count < 3)
            {
                return;
            }

            var flagged = _problems.Where(p => p.Line is not null).Select(p => p.Line!.Value).ToHashSet();
            var filled = _evals.Values.Select(a => (Acc: a, Names: Filled(a))).ToList();
            var counts = filled.SelectMany(f => f.Names).GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());
            foreach (var (acc, names) in filled)
            {
                // Usual: at least 80% of the other test lines have it.
                var missing = counts.Where(c => !names.Contains(c.Key) && c.Value >= 0.8 * (filled.Count - 1))
                    .Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
                if (missing.Count == 0 || flagged.Contains(acc.Line))
                {
                    continue;
                }

                string what = string.Join(", ", missing);
                _problems.Add(new ReadProblem(acc.Line, acc.Line == _lastContentLine
                    ? $"test line without {what}, which the other test lines have: the log ends here and looks cut off; the rest of the line is used"
                    : $"test line without {what}, which the other test lines have (a damaged line?); the rest of the line is used"));
            }
        }

        private EvalAccumulator EvalFor(int epoch, int number, bool explicitEpoch, bool merge)
        {
            if (_evals.TryGetValue(epoch, out var existing) && (merge || explicitEpoch))
            {
                return existing;
            }

            var acc = new EvalAccumulator { Epoch = epoch, Line = number };
            _evals[epoch] = acc;
            return acc;
        }

        private static double? Slot(EvalAccumulator acc, MetricName name) => (name.Role, name.Split) switch
        {
            (MetricRole.GenLoss, MetricSplit.Train) => acc.TrainLoss,
            (MetricRole.GenLoss, _) => acc.GenLoss,
            (MetricRole.DiscLoss, MetricSplit.Train) => acc.TrainDiscLoss,
            (MetricRole.DiscLoss, _) => acc.DiscLoss,
            (MetricRole.Pesq, MetricSplit.Train) => null,
            (MetricRole.Pesq, _) => acc.Pesq,
            (MetricRole.NoisyPesq, _) => acc.NoisyPesq,
            _ => null,
        };

        private static void Assign(EvalAccumulator acc, MetricName name, double value)
        {
            switch (name.Role, name.Split)
            {
                case (MetricRole.GenLoss, MetricSplit.Train):
                    acc.TrainLoss = value;
                    break;
                case (MetricRole.GenLoss, _):
                    acc.GenLoss = value;
                    break;
                case (MetricRole.DiscLoss, MetricSplit.Train):
                    acc.TrainDiscLoss = value;
                    break;
                case (MetricRole.DiscLoss, _):
                    acc.DiscLoss = value;
                    break;
                case (MetricRole.Pesq, MetricSplit.Train):
                    break;
                case (MetricRole.Pesq, _):
                    acc.Pesq = value;
                    break;
                case (MetricRole.NoisyPesq, _):
                    acc.NoisyPesq = value;
                    break;
                case (MetricRole.LrDisc, _):
                    acc.LrDisc = value;
                    break;
                case (MetricRole.LrGen or MetricRole.Lr, _):
                    acc.LrGen = value;
                    break;
            }
        }

        private void Restart(int number, int epoch)
        {
            _steps.RemoveAll(s => s.Point.Epoch >= epoch);
            foreach (int e in _evals.Keys.Where(e => e >= epoch).ToList())
            {
                _evals.Remove(e);
            }

            _calibration.RemoveAll(c => c.Epoch >= epoch);
            _openEval = _evals.Count > 0 ? _evals.Last().Value : null;
            _notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"At line {number} the epochs start again at {epoch} (a resume or a new run in the same file): " +
                $"earlier lines for epoch {epoch} onwards are replaced by the later ones."));
        }

        private bool TryCalibration(int number, string line)
        {
            Match check = DiscCheckRegex().Match(line);
            if (check.Success)
            {
                CloseCalibration();
                _openCalibration = new CalibrationAccumulator { Epoch = ParseInt(check.Groups[1].Value) };
                return true;
            }

            if (_openCalibration is null)
            {
                return false;
            }

            foreach (var (regex, setter) in new (Regex, Action<double>)[]
            {
                (PredCleanCleanRegex(), v => _openCalibration.CleanClean = v),
                (PredCleanEnhancedRegex(), v => _openCalibration.CleanEnhanced = v),
                (ActualPesqNormRegex(), v => _openCalibration.PesqNorm = v),
            })
            {
                Match m = regex.Match(line);
                if (m.Success)
                {
                    if (LogNumber.TryParse(m.Groups[1].Value, out double v) && double.IsFinite(v))
                    {
                        setter(v);
                    }
                    else
                    {
                        _problems.Add(new ReadProblem(number,
                            $"calibration value '{Excerpt(m.Groups[1].Value)}' is not a number; value left out"));
                    }

                    return true;
                }
            }

            return false;
        }

        private void CloseCalibration()
        {
            if (_openCalibration is { CleanClean: { } cc, CleanEnhanced: { } ce } c)
            {
                _calibration.RemoveAll(p => p.Epoch == c.Epoch);
                _calibration.Add(new CalibrationPoint(c.Epoch, null, cc, ce, c.PesqNorm, null, null));
            }

            _openCalibration = null;
        }

        private bool TryDiagnosticCounters(int number, string line)
        {
            Match stats = DiscStatsRegex().Match(line);
            if (stats.Success)
            {
                long trained = long.Parse(stats.Groups[1].Value, CultureInfo.InvariantCulture);
                long total = long.Parse(stats.Groups[2].Value, CultureInfo.InvariantCulture);
                if (trained > total || total == 0)
                {
                    _problems.Add(new ReadProblem(number, "[DISC STATS] counter with trained > total or no batches; ignored"));
                }
                else
                {
                    _discStats = (trained, total, number);
                }

                return true;
            }

            if (SkipMarkRegex().IsMatch(line))
            {
                _skipMarks++;
                return true;
            }

            return false;
        }

        private bool TryConfig(string line)
        {
            bool looksLikeConfig = line.Contains("Namespace(", StringComparison.Ordinal) ||
                ((LossWeightsRegex().IsMatch(line) || ConfigNumberRegex().IsMatch(line)) &&
                 !StepRegex().IsMatch(line) && !EpochRegex().IsMatch(line));
            if (!looksLikeConfig)
            {
                return false;
            }

            foreach (Match m in ConfigNumberRegex().Matches(line))
            {
                if (!LogNumber.TryParse(m.Groups[2].Value, out double v) || !double.IsFinite(v))
                {
                    continue;
                }

                switch (m.Groups[1].Value.ToLowerInvariant())
                {
                    case "init_lr" or "gen_lr" or "lr_gen":
                        _genLr = v;
                        break;
                    case "disc_lr" or "lr_disc":
                        _discLr = v;
                        break;
                    case "batch_size":
                        _batchSize = (int)v;
                        break;
                    case "log_interval":
                        _logInterval = (int)v;
                        break;
                }
            }

            Match w = LossWeightsRegex().Match(line);
            if (w.Success)
            {
                var parts = w.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                var values = parts.Select(p => LogNumber.TryParse(p, out double x) ? x : double.NaN).ToArray();
                if (values.Length == 4 && values.All(double.IsFinite))
                {
                    _lossWeights = new TermValues(values[0], values[1], values[2], values[3]);
                }
            }

            return true;
        }

        private void Recognised(string line)
        {
            Match m = PrefixRegex().Match(line);
            if (m.Success)
            {
                _recognisedPrefixes[m.Value] = _recognisedPrefixes.GetValueOrDefault(m.Value) + 1;
            }
        }

        // A line that starts like the recognised lines (same logger prefix) but matched nothing is most likely a
        // damaged one: say so rather than drop it silently.
        private void FlagUnrecognisedLookalikes()
        {
            foreach (var (number, text) in _unrecognised)
            {
                Match m = PrefixRegex().Match(text);
                bool lookalike = m.Success && _recognisedPrefixes.GetValueOrDefault(m.Value) >= 2;
                bool mentionsMetrics = (EpochRegex().IsMatch(text) || StepRegex().IsMatch(text)) &&
                    (StepRegex().IsMatch(text) || MetricWordRegex().IsMatch(text));
                if (lookalike || mentionsMetrics)
                {
                    string why = number == _lastContentLine
                        ? "incomplete line (the log ends here: it looks cut off)"
                        : "looks like a log line but could not be read";
                    _problems.Add(new ReadProblem(number, $"{why}: '{Excerpt(text)}'; line skipped"));
                }
            }
        }

        private RunData Build()
        {
            if (_steps.Count == 0 && _evals.Count == 0)
            {
                string problems = _problems.Count > 0 ? $" ({_problems.Count} damaged lines, first: {_problems[0]})" : "";
                throw new LogReadException(
                    $"{path}: no training or test lines recognised{problems}. Expected lines such as " +
                    "'Epoch 3, Step 500, loss: 0.14, disc_loss: 0.0012', 'Test Gen loss: 0.11, Disc loss: 0.004, PESQ: 2.57' " +
                    "or tqdm progress bars with losses in their postfix ('Epoch 3:  45%|####5     | 450/1000 [02:15<02:45, " +
                    "3.33it/s, gen_loss=0.123, disc_loss=0.004]').");
            }

            FlagMissingValues();
            FlagMissingEvalValues();
            var steps = ClassifyZeros();
            // A bar redraws by time, not every log_interval steps: its counters alone say how the steps were sampled.
            bool barSteps = _steps.Any(s => s.FromBar);
            int? interval = barSteps ? BarInterval(steps) : _logInterval ?? StepAggregation.InferInterval(steps);
            steps = StepAggregation.WithPositions(steps, interval);
            var epochs = StepAggregation.EpochMeans(steps, sampled: interval != 1);
            foreach (var (epoch, lr) in _stepLrs)
            {
                if (epochs.TryGetValue(epoch, out var p))
                {
                    epochs[epoch] = p with { LrGen = lr.Gen, LrDisc = lr.Disc };
                }
            }

            foreach (var (epoch, acc) in _evals)
            {
                var point = epochs.GetValueOrDefault(epoch) ?? new EpochPoint { Epoch = epoch, Line = acc.Line };
                epochs[epoch] = point with
                {
                    TrainLoss = acc.TrainLoss ?? point.TrainLoss,
                    TrainLossSampled = acc.TrainLoss is null && point.TrainLossSampled,
                    TrainDiscLoss = acc.TrainDiscLoss ?? point.TrainDiscLoss,
                    EvalLoss = acc.GenLoss,
                    EvalDiscLoss = acc.DiscLoss,
                    EvalPesq = acc.Pesq,
                    NoisyPesq = acc.NoisyPesq,
                    LrGen = acc.LrGen ?? point.LrGen,
                    LrDisc = acc.LrDisc ?? point.LrDisc,
                };
            }

            if (barSteps)
            {
                DescribeBarSteps(steps, interval);
            }
            else
            {
                DescribeSteps(steps, interval);
            }

            DescribeBars();
            DiscTally? tally = null;
            if (_discStats is { } stats)
            {
                tally = new DiscTally(stats.Total, stats.Total - stats.Trained, null,
                    string.Create(CultureInfo.InvariantCulture, $"the [DISC STATS] counter at line {stats.Line}"));
            }

            if (_otherGpuLines.Count > 0)
            {
                _notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Lines of GPU {string.Join(", ", _otherGpuLines)} are left out: each rank logs its own steps of the same epochs, and GPU {_gpu} is used."));
            }

            if (_skipMarks > 0)
            {
                _notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{_skipMarks} '[SKIP]' lines mark discriminator steps skipped because a PESQ target failed."));
            }

            if (_genLr is not null && _discLr is null)
            {
                _discLr = 2 * _genLr;
                _notes.Add("The discriminator learning rate is taken as twice init_lr, as the reference code sets it; " +
                    "a patched trainer may differ.");
            }

            return new RunData
            {
                Source = new RunSource
                {
                    Path = path,
                    Kind = LogKind.Text,
                    Description = barSteps ? "text log with tqdm progress bars" : "text log of the CMGAN reference trainer",
                    Lines = lines.Count,
                    SkipEvidence = SkipEvidenceOf(steps),
                    EvalComparability = EvalComparability.Unknown,
                    EvalComparabilityReason = "a text log does not record how the test crops were chosen; the reference " +
                        "test() draws a new random 2 s crop of every test file each epoch",
                    Notes = _notes,
                    Problems = _problems.OrderBy(p => p.Line ?? 0).ToList(),
                },
                Settings = new RunSettings
                {
                    GenLr = _genLr,
                    DiscLr = _discLr,
                    LossWeights = _lossWeights,
                    BatchSize = _batchSize,
                    StepLogInterval = interval,
                },
                Steps = steps,
                Epochs = epochs.Values.OrderBy(e => e.Epoch).ToList(),
                Calibration = _calibration.OrderBy(c => c.Epoch).ToList(),
                DiscTally = tally,
            };
        }

        // Skips logged as None are explicit skip flags; where zeros mark (some of) them, the reference convention holds.
        private SkipEvidence SkipEvidenceOf(List<StepPoint> steps)
        {
            bool zeroSkips = steps.Any(s => s.DiscSkipped == true && s.DiscLoss is not null);
            if (_steps.Any(s => s.DiscNone) && !zeroSkips)
            {
                return SkipEvidence.Explicit;
            }

            return steps.Any(s => s.DiscLoss is not null) ? SkipEvidence.ExactZero : SkipEvidence.None;
        }

        // A step line without the disc_loss (or loss) that nearly every other step line has was most likely cut.
        private void FlagMissingValues()
        {
            if (_steps.Count < 5)
            {
                return;
            }

            var flagged = _problems.Where(p => p.Line is not null).Select(p => p.Line!.Value).ToHashSet();
            double withDisc = _steps.Count(s => s.Point.DiscLoss is not null) / (double)_steps.Count;
            double withGen = _steps.Count(s => s.Point.GenLoss is not null) / (double)_steps.Count;
            foreach (var (point, _, discNone, fromBar) in _steps)
            {
                // A bar update that ends with its bracket is whole: a key it lacks was not in the postfix then.
                int line = point.Line!.Value;
                if (flagged.Contains(line) || discNone || fromBar)
                {
                    continue;
                }

                string? missing = point.DiscLoss is null && withDisc >= 0.8 ? "disc_loss"
                    : point.GenLoss is null && withGen >= 0.8 ? "loss" : null;
                if (missing is not null)
                {
                    _problems.Add(new ReadProblem(line, line == _lastContentLine
                        ? $"no {missing} value, which the other step lines have: the log ends here and looks cut off; the rest of the line is used"
                        : $"no {missing} value, which the other step lines have (a damaged line?); the rest of the line is used"));
                }
            }
        }

        private List<StepPoint> ClassifyZeros()
        {
            var (skipped, note) = ZeroLossRule.Classify(_steps.Select(s => (s.Point.DiscLoss, s.DiscToken)).ToList());
            if (note is not null)
            {
                _notes.Add(note);
            }

            int nones = _steps.Count(s => s.DiscNone);
            if (nones > 0)
            {
                _notes.Add(nones.ToString(CultureInfo.InvariantCulture) + " step lines log disc_loss as None: no discriminator " +
                    "loss was computed for that batch, so each is read as a skipped discriminator step.");
            }

            return _steps.Select((s, i) => s.Point with { DiscSkipped = s.DiscNone ? true : skipped[i] }).ToList();
        }

        private void DescribeSteps(List<StepPoint> steps, int? interval)
        {
            if (steps.Count == 0)
            {
                _notes.Add("No step lines: training losses per step, skip and saturation rates are not in this log.");
                return;
            }

            if (interval is > 1)
            {
                _notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Step lines are a sample: one logged step every {interval} steps ({steps.Count} lines), each the " +
                    $"loss of a single batch. Rates computed from them are estimates with a confidence interval."));
            }

            _notes.Add("In the reference code a skipped discriminator step is logged as disc_loss exactly 0.0; " +
                "any non-zero value, however small, is a real update.");
            if (steps.Any(s => s.GenLoss is null))
            {
                _notes.Add("Some step lines have no generator loss.");
            }
        }

        private static int ParseInt(string s) =>
            int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : int.MaxValue;
    }

    private static string Excerpt(string text) => text.Length <= 60 ? text.Trim() : string.Concat(text.AsSpan(0, 57).Trim(), "...");
}
