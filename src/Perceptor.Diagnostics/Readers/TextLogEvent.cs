using Perceptor.Diagnostics.RunLog;

namespace Perceptor.Diagnostics.Readers;

// What one line (or one progress-bar redraw) of a text log says, before any line is related to another. The line
// recognisers (TextLogRecognisers) make these; the epoch pass (TextLogEpochPass) puts them in order. A closed family:
// the pass switches over exactly these.

/// <summary>One recognised line of a text log; <see cref="Line"/> is its 1-based number.</summary>
internal abstract record TextLogEvent(int Line);

/// <summary>A name = value pair of a line: the metric it names, the key as written, the raw value and the number.</summary>
internal sealed record LogField(MetricName Name, string Key, string Raw, double? Value);

/// <summary>A line with text that is not readable (control characters, broken encoding).</summary>
internal sealed record UnreadableLine(int Line) : TextLogEvent(Line);

/// <summary>A step line: an epoch, a step within it and the values on it.</summary>
internal sealed record StepLine(int Line, string Text, int? Gpu, int Epoch, int Step, IReadOnlyList<LogField> Fields) : TextLogEvent(Line);

/// <summary>A line with step-line words and metrics whose epoch or step number cannot be read.</summary>
/// <param name="Line">The line's number.</param>
/// <param name="Text">The line.</param>
/// <param name="Gpu">The GPU rank the line names, if any.</param>
/// <param name="Missing">Which number: <c>epoch</c> or <c>step</c>.</param>
/// <param name="Trailing">Whether the missing number is where the line ends (so the line may have been cut there).</param>
internal sealed record DamagedStepLine(int Line, string Text, int? Gpu, string Missing, bool Trailing) : TextLogEvent(Line);

/// <summary>A test (evaluation) line: metric values, with the epoch where the line names one.</summary>
internal sealed record TestLine(int Line, string Text, int? Gpu, int? Epoch, IReadOnlyList<LogField> Fields) : TextLogEvent(Line);

/// <summary>A line that matched nothing (it may still be a damaged log line; the damage pass decides).</summary>
internal sealed record OtherLine(int Line, string Text, int? Gpu) : TextLogEvent(Line);

/// <summary>The argument dump or a configuration line: the settings it names (null: not on this line).</summary>
internal sealed record ConfigLine(int Line, double? GenLr, double? DiscLr, int? BatchSize, int? LogInterval, TermValues? LossWeights)
    : TextLogEvent(Line);

/// <summary>A <c>[DISC STATS] Trained: a/b</c> counter.</summary>
internal sealed record DiscStatsLine(int Line, long Trained, long Total) : TextLogEvent(Line);

/// <summary>A <c>[SKIP]</c> mark.</summary>
internal sealed record SkipMarkLine(int Line) : TextLogEvent(Line);

/// <summary>A <c>[DISC CHECK] Epoch n</c> line, which opens a block of calibration values.</summary>
internal sealed record CalibrationStart(int Line, int Epoch) : TextLogEvent(Line);

/// <summary>
/// A calibration value (<c>Pred(clean, clean)</c>, <c>Pred(clean, enhanced)</c>, <c>Actual PESQ normalised</c>). It
/// is one only inside a calibration block; elsewhere the line is read as <see cref="Otherwise"/>.
/// </summary>
internal sealed record CalibrationValue(int Line, CalibrationSlot Slot, string Raw, TextLogEvent Otherwise) : TextLogEvent(Line);

/// <summary>One redraw of a progress bar, with the line printed after it while the bar was open, if any.</summary>
internal sealed record BarRedraw(int Line, string Text, bool EndOfLog, TqdmUpdate Update, TextLogEvent? Rest) : TextLogEvent(Line);

/// <summary>Which value of a calibration block a line gives.</summary>
internal enum CalibrationSlot
{
    CleanClean,
    CleanEnhanced,
    PesqNorm,
}
