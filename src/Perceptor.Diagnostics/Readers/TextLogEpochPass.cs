using System.Globalization;
using System.Text.RegularExpressions;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Readers;

/// <summary>
/// The pass that puts the events of a text log in order: it gives each step and test line its epoch (a test line
/// without one belongs to the epoch its steps were in, or the next), turns progress-bar redraws into steps, finds
/// where the trainer started again and keeps the later run, closes calibration blocks, and leaves out other GPU ranks.
/// What cannot be read on a line is reported as it is met.
/// </summary>
internal sealed partial class TextLogEpochPass
{
    private readonly IReadOnlyList<TextLogEvent> _events;
    private readonly int _lastContentLine;
    private readonly List<ReadProblem> _problems;
    private readonly List<string> _notes;

    // Where the pass stands: the last step read, whether steps came since the last test line, the open test line,
    // calibration block and progress bar.
    private int? _lastStepEpoch;
    private int _lastStepInEpoch;
    private bool _stepsSinceEval;
    private TextLogEval? _openEval;
    private (int Epoch, double? CleanClean, double? CleanEnhanced, double? PesqNorm)? _openCalibration;
    private BarState? _bar;

    private TextLogEpochPass(IReadOnlyList<TextLogEvent> events, int lastContentLine, int? gpu, bool barsAreSteps,
        List<ReadProblem> problems, List<string> notes)
    {
        _events = events;
        _lastContentLine = lastContentLine;
        _problems = problems;
        _notes = notes;
        Gpu = gpu;
        BarsAreSteps = barsAreSteps;
        Counters = new TextLogCounters(problems);
    }

    public List<TextLogStep> Steps { get; } = [];

    public SortedDictionary<int, TextLogEval> Evals { get; } = [];

    public List<CalibrationPoint> Calibration { get; } = [];

    /// <summary>Learning rates shown on the step lines, per epoch.</summary>
    public Dictionary<int, (double? Gen, double? Disc)> StepLrs { get; } = [];

    public TextLogCounters Counters { get; }

    /// <summary>The GPU rank whose lines are read (null: the lines name none).</summary>
    public int? Gpu { get; private set; }

    public SortedSet<int> OtherGpus { get; } = [];

    /// <summary>Lines that matched nothing, for the damage pass.</summary>
    public List<(int Line, string Text)> Unrecognised { get; } = [];

    /// <summary>How many recognised lines start with each logger prefix, for the damage pass.</summary>
    public Dictionary<string, int> RecognisedPrefixes { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether progress-bar redraws are read as steps (false where the log has step lines).</summary>
    public bool BarsAreSteps { get; }

    public TextLogBarTally Bars { get; } = new();

    /// <summary>Runs the pass over <paramref name="events"/>; problems and notes are added to the lists given.</summary>
    public static TextLogEpochPass Run(IReadOnlyList<TextLogEvent> events, int lastContentLine, int? gpu, bool barsAreSteps,
        List<ReadProblem> problems, List<string> notes)
    {
        var pass = new TextLogEpochPass(events, lastContentLine, gpu, barsAreSteps, problems, notes);
        for (int i = 0; i < events.Count; i++)
        {
            pass.Handle(events[i], i);
        }

        pass.CloseCalibration();
        return pass;
    }

    private void Handle(TextLogEvent e, int index)
    {
        switch (e)
        {
            case UnreadableLine:
                _problems.Add(new ReadProblem(e.Line, "unreadable characters (binary data or a broken text encoding); line skipped"));
                break;
            case CalibrationStart start:
                CloseCalibration();
                _openCalibration = (start.Epoch, null, null, null);
                break;
            case CalibrationValue value when _openCalibration is { } open:
                if (LogNumber.TryParse(value.Raw, out double v) && double.IsFinite(v))
                {
                    _openCalibration = value.Slot switch
                    {
                        CalibrationSlot.CleanClean => open with { CleanClean = v },
                        CalibrationSlot.CleanEnhanced => open with { CleanEnhanced = v },
                        _ => open with { PesqNorm = v },
                    };
                }
                else
                {
                    _problems.Add(new ReadProblem(e.Line, $"calibration value '{TextLogText.Excerpt(value.Raw)}' is not a number; value left out"));
                }

                break;
            case CalibrationValue value:
                Handle(value.Otherwise, index);
                break;
            case ConfigLine config:
                Counters.Add(config);
                break;
            case DiscStatsLine stats:
                Counters.Add(stats);
                break;
            case SkipMarkLine:
                Counters.AddSkipMark();
                break;
            case BarRedraw bar:
                ReadBarRedraw(bar, index);
                break;
            default:
                CloseCalibration();
                ReadLogLine(e, index);
                break;
        }
    }

    private void ReadLogLine(TextLogEvent e, int index)
    {
        var (text, gpu) = e switch
        {
            StepLine s => (s.Text, s.Gpu),
            DamagedStepLine d => (d.Text, d.Gpu),
            TestLine t => (t.Text, t.Gpu),
            OtherLine o => (o.Text, o.Gpu),
            _ => throw new ArgumentOutOfRangeException(nameof(e)),
        };
        if (gpu is { } id)
        {
            Gpu ??= id;
            if (id != Gpu)
            {
                OtherGpus.Add(id);
                Recognised(text);
                return;
            }
        }

        switch (e)
        {
            case StepLine step:
                ReadStepLine(step, index);
                Recognised(text);
                break;
            case DamagedStepLine damaged:
                string what = damaged.Missing == "epoch" ? "no readable epoch number" : "no readable step number";
                _problems.Add(new ReadProblem(e.Line, e.Line == _lastContentLine && damaged.Trailing
                    ? $"step line with {what} (the log ends here: it looks cut off); line skipped"
                    : $"step line with {what}: '{TextLogText.Excerpt(text)}'; line skipped"));
                Recognised(text);
                break;
            case TestLine test:
                ReadTestLine(test);
                Recognised(text);
                break;
            default:
                Unrecognised.Add((e.Line, text));
                break;
        }
    }

    private void ReadStepLine(StepLine line, int index)
    {
        // Epochs going back, steps going back within an epoch, or steps of an epoch already evaluated: the trainer
        // started again (a resume or a new run appended to the same file). Unless the next step line goes on from the
        // one before: then this line's number is garbled, and taking it for a restart would throw away good lines.
        if (_lastStepEpoch is { } previous &&
            (line.Epoch < previous || (line.Epoch == previous && (line.Step <= _lastStepInEpoch || Evals.ContainsKey(line.Epoch)))))
        {
            if (NextStepLine(index) is { } next &&
                ((next.Epoch == previous && next.Step > _lastStepInEpoch && !Evals.ContainsKey(previous)) ||
                 (line.Epoch < previous && next.Epoch > previous)))
            {
                // Its losses are as good as its neighbours': used, in the epoch it stands in, without its number.
                _notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Line {line.Line} says epoch {line.Epoch}, step {line.Step}, between epoch {previous}, step {_lastStepInEpoch} " +
                    $"and epoch {next.Epoch}, step {next.Step} (line {next.Line}): a garbled number, not a restart; its losses " +
                    $"are used in epoch {previous} without a step number."));
                int keep = _lastStepInEpoch;
                AddStep(line.Line, previous, null, line.Fields, fromBar: false);
                _lastStepInEpoch = keep;
                return;
            }

            Restart(line.Line, line.Epoch);
        }

        AddStep(line.Line, line.Epoch, line.Step, line.Fields, fromBar: false);
    }

    // The next step line of the rank being read, if any.
    private StepLine? NextStepLine(int index)
    {
        for (int i = index + 1; i < _events.Count; i++)
        {
            if (_events[i] is StepLine s && (s.Gpu is null || Gpu is null || s.Gpu == Gpu))
            {
                return s;
            }
        }

        return null;
    }

    private static LogField? TrainLoss(IReadOnlyList<LogField> fields, MetricRole role) =>
        fields.FirstOrDefault(f => f.Name.Role == role && f.Name.Split != MetricSplit.Eval);

    private void AddStep(int number, int epoch, int? step, IReadOnlyList<LogField> fields, bool fromBar)
    {
        LogField? gen = TrainLoss(fields, MetricRole.GenLoss);
        LogField? disc = TrainLoss(fields, MetricRole.DiscLoss);
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
            var lr = StepLrs.GetValueOrDefault(epoch);
            StepLrs[epoch] = f.Name.Role == MetricRole.LrDisc ? (lr.Gen, f.Value) : (f.Value, lr.Disc);
        }

        Steps.Add(new TextLogStep(new StepPoint
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

    private void ReportBadFields(int number, IEnumerable<LogField> fields)
    {
        foreach (var f in fields.Where(f => f.Value is null))
        {
            string what = TextLogText.BadValue(f);
            _problems.Add(new ReadProblem(number, number == _lastContentLine
                ? what + " (the log ends here: it looks cut off); the rest of the line is used"
                : what + "; the rest of the line is used"));
        }
    }

    private void ReadTestLine(TestLine line)
    {
        int number = line.Line;
        ReportBadFields(number, line.Fields);
        int? explicitEpoch = line.Epoch;
        var usable = line.Fields.Where(f => f.Value is not null).ToList();
        if (usable.Count == 0)
        {
            return;
        }

        bool collides = _openEval is not null && usable.Any(f => _openEval.Slot(f.Name) is not null);
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
            acc.Assign(f.Name, f.Value!.Value);
        }

        _openEval = acc;
        _stepsSinceEval = false;
    }

    // Two test lines with no step line between them belong to the same epoch when the log has step lines. If the
    // first holds only some of the values the second has again, it was cut (a damaged write); reading the second as
    // the next epoch's would shift every later epoch and fake a resume, so the second replaces the first.
    private bool ReplacesCutLine(int number, int? explicitEpoch, List<LogField> usable)
    {
        if (_openEval is not { } previous || _stepsSinceEval || explicitEpoch is not null || _lastStepEpoch is null)
        {
            return false;
        }

        var had = previous.Filled();
        var has = usable.Select(f => TextLogEval.SlotName(f.Name)).OfType<string>().ToHashSet();
        if (!had.IsProperSubsetOf(has))
        {
            return false;
        }

        _problems.Add(new ReadProblem(previous.Line, string.Create(CultureInfo.InvariantCulture,
            $"test line with only {string.Join(", ", had)}, where the next test line (line {number}) also has " +
            $"{string.Join(", ", has.Except(had))}: it looks cut off; line {number} is used instead")));
        var fresh = new TextLogEval { Epoch = previous.Epoch, Line = number };
        foreach (var f in usable)
        {
            fresh.Assign(f.Name, f.Value!.Value);
        }

        Evals[previous.Epoch] = fresh;
        _openEval = fresh;
        return true;
    }

    private TextLogEval EvalFor(int epoch, int number, bool explicitEpoch, bool merge)
    {
        if (Evals.TryGetValue(epoch, out var existing) && (merge || explicitEpoch))
        {
            return existing;
        }

        var acc = new TextLogEval { Epoch = epoch, Line = number };
        Evals[epoch] = acc;
        return acc;
    }

    private void Restart(int number, int epoch)
    {
        Steps.RemoveAll(s => s.Point.Epoch >= epoch);
        foreach (int e in Evals.Keys.Where(e => e >= epoch).ToList())
        {
            Evals.Remove(e);
        }

        Calibration.RemoveAll(c => c.Epoch >= epoch);
        _openEval = Evals.Count > 0 ? Evals.Last().Value : null;
        _notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"At line {number} the epochs start again at {epoch} (a resume or a new run in the same file): " +
            $"earlier lines for epoch {epoch} onwards are replaced by the later ones."));
    }

    private void CloseCalibration()
    {
        if (_openCalibration is { CleanClean: { } cc, CleanEnhanced: { } ce } c)
        {
            Calibration.RemoveAll(p => p.Epoch == c.Epoch);
            Calibration.Add(new CalibrationPoint(c.Epoch, null, cc, ce, c.PesqNorm, null, null));
        }

        _openCalibration = null;
    }

    private void Recognised(string line)
    {
        Match m = TextLogRecognisers.PrefixRegex().Match(line);
        if (m.Success)
        {
            RecognisedPrefixes[m.Value] = RecognisedPrefixes.GetValueOrDefault(m.Value) + 1;
        }
    }
}
