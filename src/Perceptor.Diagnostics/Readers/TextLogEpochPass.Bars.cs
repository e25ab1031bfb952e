using System.Globalization;
using System.Text.RegularExpressions;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Readers;

// Training losses shown in tqdm progress bars: each redraw that carries losses is one logged step, numbered by the
// bar's counter; the epoch comes from the bar's description or, where that names none, from the order of the bars.
internal sealed partial class TextLogEpochPass
{
    [GeneratedRegex(@"[0-9]+")]
    private static partial Regex DigitsRegex();

    private void ReadBarRedraw(BarRedraw redraw, int index)
    {
        var update = redraw.Update;
        int number = redraw.Line;
        var fields = TextLogRecognisers.BarFields(update, Bars.UnreadNames);
        string key = DigitsRegex().Replace(update.Description, "#") + "|" + update.Total;
        if (!update.Closed)
        {
            // A redraw without its closing bracket was cut, and its last value may be cut mid-number: leave it all
            // out, but say so where it belongs to a bar with losses.
            if (fields.Any(f => f.Name.Role is MetricRole.GenLoss or MetricRole.DiscLoss or MetricRole.Pesq) || _bar?.Key == key)
            {
                _problems.Add(new ReadProblem(number, redraw.EndOfLog
                    ? $"progress-bar update cut off (the log ends here): '{TextLogText.ExcerptEnd(redraw.Text)}'; update left out"
                    : $"progress-bar update without its closing ']' (cut off?): '{TextLogText.ExcerptEnd(redraw.Text)}'; update left out"));
            }

            return;
        }

        ReadBarSteps(number, update, fields, key);
        if (redraw.Rest is { } rest)
        {
            Handle(rest, index);
        }
    }

    private void ReadBarSteps(int number, TqdmUpdate update, List<LogField> fields, string key)
    {
        LogField? gen = TrainLoss(fields, MetricRole.GenLoss);
        LogField? disc = TrainLoss(fields, MetricRole.DiscLoss);
        if (MetricNameClassifier.SplitOf(update.Description) == MetricSplit.Eval || (gen is null && disc is null))
        {
            // An evaluation bar, or a bar with other values: no training step. Progress alone is not worth a word.
            if (fields.Any(f => f.Value is not null && f.Name.Role is MetricRole.GenLoss or MetricRole.DiscLoss or
                    MetricRole.Pesq or MetricRole.NoisyPesq))
            {
                Bars.EvalBarLines.Add(number);
            }

            return;
        }

        if (!BarsAreSteps)
        {
            Bars.LeftOut++;
            return;
        }

        // The same values again at the same or a later counter: the bar redrew itself (advancing, or closing)
        // without a new set_postfix, so this is the step already read.
        if (_bar is { } b && b.Key == key && b.Description == update.Description && b.Postfix == update.Postfix &&
            (update.Counter ?? 0) >= (b.Counter ?? 0))
        {
            Bars.Redraws++;
            _bar = b with { Counter = update.Counter };
            return;
        }

        int epoch;
        if (TextLogRecognisers.DescriptionEpoch(update.Description) is { } named)
        {
            // The epoch going back, or the same bar starting again within its epoch: the trainer started again.
            bool barAgain = _bar is not null && _bar.Key == key && _bar.Epoch == named && update.Counter < _bar.Counter;
            if (_lastStepEpoch is { } previous && (named < previous || (named == previous && barAgain)))
            {
                Restart(number, named);
            }

            epoch = named;
        }
        else
        {
            // No epoch in the description: a new bar is a new epoch. A bar is new where its description or total
            // changes, its counter goes back, the one before reached its total, or a test line came between.
            bool finished = _bar is { Counter: { } last } && update.Total is not null &&
                long.TryParse(update.Total, NumberStyles.None, CultureInfo.InvariantCulture, out long total) && last >= total;
            bool newBar = _bar is null || _bar.Key != key || update.Counter < _bar.Counter || finished || !_stepsSinceEval;
            epoch = newBar ? Math.Max(_lastStepEpoch ?? -1, _openEval?.Epoch ?? -1) + 1 : _bar!.Epoch;
        }

        int? step = update.Counter is { } c && c <= int.MaxValue ? (int)c : null;
        AddStep(number, epoch, step, fields, fromBar: true);
        _bar = new BarState(key, epoch, update.Counter, update.Description, update.Postfix);
        foreach (var f in new[] { gen, disc })
        {
            if (f is { Value: not null })
            {
                Bars.Tokens.Add(f.Raw);
            }
        }
    }

    // A bar redraws many times a line: one damaged value per line is enough to say the line is damaged.
    private void ReportBadBarFields(int number, IEnumerable<LogField> fields)
    {
        foreach (var f in fields.Where(f => f.Value is null))
        {
            if (!Bars.ProblemLines.Add(number))
            {
                return;
            }

            _problems.Add(new ReadProblem(number, $"progress bar: {TextLogText.BadValue(f)}; the rest of the update is used"));
        }
    }

    // The bar last read: which bar (description with digits masked, and total), its epoch and the redraw shown.
    private sealed record BarState(string Key, int Epoch, long? Counter, string Description, string Postfix);
}
