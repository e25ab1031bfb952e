using System.Globalization;
using System.Text.RegularExpressions;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Readers;

// Training losses shown in tqdm progress bars: each redraw that carries losses is one logged step, numbered by the
// bar's counter; the epoch comes from the bar's description or, where that names none, from the order of the bars.
public static partial class CmganTextLogReader
{
    // "Epoch 3", "epoch 3/100", "Train E3", "Ep: 3", "[3/100]" or just "3".
    [GeneratedRegex(@"\b(?:epoch|ep|e)\s*[:=#]?\s*\[?\s*(\d+)|^\s*\[?\s*(\d+)\s*(?:/\s*\d+)?\s*\]?\s*$", Options)]
    private static partial Regex DescriptionEpochRegex();

    // A name (words of letters, digits, _ - .) and its value after ':' or '=', or after a space where the value is a
    // number: set_postfix writes "gen_loss=0.123, disc_loss=0.004", set_postfix_str any text ("G_loss 0.12 D_loss 0.004").
    [GeneratedRegex(@"(?<key>[A-Za-z][A-Za-z0-9_\-.]*(?: [A-Za-z][A-Za-z0-9_\-.]*)*)(?:\s*[:=]\s*|\s+(?=[-+]?\.?[0-9]))(?<val>[^,;\s|]*)", RegexOptions.CultureInvariant)]
    private static partial Regex BarFieldRegex();

    [GeneratedRegex(@"[0-9]+")]
    private static partial Regex DigitsRegex();

    [GeneratedRegex(@"^[-+]?(?<int>[0-9]*)(?:\.(?<frac>[0-9]*))?(?<exp>[eE][-+]?[0-9]+)?$")]
    private static partial Regex NumberShapeRegex();

    private sealed class BarState
    {
        public required string Key { get; init; }
        public required int Epoch { get; init; }
        public long? Counter { get; set; }
        public required string Description { get; init; }
        public required string Postfix { get; init; }
    }

    private sealed partial class Parser
    {
        private readonly List<string> _barTokens = [];
        private readonly SortedSet<int> _evalBarLines = [];
        private readonly SortedSet<string> _unreadBarNames = new(StringComparer.Ordinal);
        private readonly HashSet<int> _barProblemLines = [];
        private bool _barsAreSteps = true;
        private BarState? _bar;
        private int _redraws;
        private int _barUpdatesLeftOut;

        // A trainer that prints step lines and also shows its losses in a bar shows the same steps twice: the step lines
        // (regular, at full precision) are used, and the bars are left out, so no step counts twice.
        private void DecideBarSteps(IEnumerable<(string Text, TqdmUpdate? Bar)> segments) =>
            _barsAreSteps = !segments.Any(s => s.Bar is null && EpochRegex().IsMatch(s.Text) && StepRegex().IsMatch(s.Text) &&
                MetricWordRegex().IsMatch(s.Text));

        private void ReadBarUpdate(int number, bool endOfLog, string text, TqdmUpdate update)
        {
            var fields = BarFields(update);
            string key = DigitsRegex().Replace(update.Description, "#") + "|" + update.Total;
            if (!update.Closed)
            {
                // A redraw without its closing bracket was cut, and its last value may be cut mid-number: leave it all
                // out, but say so where it belongs to a bar with losses.
                if (fields.Any(f => f.Name.Role is MetricRole.GenLoss or MetricRole.DiscLoss or MetricRole.Pesq) || _bar?.Key == key)
                {
                    _problems.Add(new ReadProblem(number, endOfLog
                        ? $"progress-bar update cut off (the log ends here): '{ExcerptEnd(text)}'; update left out"
                        : $"progress-bar update without its closing ']' (cut off?): '{ExcerptEnd(text)}'; update left out"));
                }

                return;
            }

            ReadBarSteps(number, update, fields, key);
            if (!string.IsNullOrWhiteSpace(update.Rest))
            {
                // Printed while the bar was open (print rather than tqdm.write): the line follows the bar's last redraw.
                ParseLine(number, update.Rest.Trim());
            }
        }

        private void ReadBarSteps(int number, TqdmUpdate update, List<Field> fields, string key)
        {
            Field? gen = TrainLoss(fields, MetricRole.GenLoss);
            Field? disc = TrainLoss(fields, MetricRole.DiscLoss);
            if (MetricNameClassifier.SplitOf(update.Description) == MetricSplit.Eval || (gen is null && disc is null))
            {
                // An evaluation bar, or a bar with other values: no training step. Progress alone is not worth a word.
                if (fields.Any(f => f.Value is not null && f.Name.Role is MetricRole.GenLoss or MetricRole.DiscLoss or
                        MetricRole.Pesq or MetricRole.NoisyPesq))
                {
                    _evalBarLines.Add(number);
                }

                return;
            }

            if (!_barsAreSteps)
            {
                _barUpdatesLeftOut++;
                return;
            }

            // The same values again at the same or a later counter: the bar redrew itself (advancing, or closing)
            // without a new set_postfix, so this is the step already read.
            if (_bar is { } b && b.Key == key && b.Description == update.Description && b.Postfix == update.Postfix &&
                (update.Counter ?? 0) >= (b.Counter ?? 0))
            {
                _redraws++;
                b.Counter = update.Counter;
                return;
            }

            int epoch;
            if (DescriptionEpoch(update.Description) is { } named)
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
            _bar = new BarState
            {
                Key = key,
                Epoch = epoch,
                Counter = update.Counter,
                Description = update.Description,
                Postfix = update.Postfix,
            };
            foreach (var f in new[] { gen, disc })
            {
                if (f is { Value: not null })
                {
                    _barTokens.Add(f.Raw);
                }
            }
        }

        private List<Field> BarFields(TqdmUpdate update)
        {
            var fields = new List<Field>();
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
                            _unreadBarNames.Add(key);
                        }

                        continue;
                    }

                    if (name.Role is not (MetricRole.Epoch or MetricRole.Step))
                    {
                        fields.Add(new Field(name, key, raw, value));
                    }
                }
            }

            return fields;
        }

        // A bar redraws many times a line: one damaged value per line is enough to say the line is damaged.
        private void ReportBadBarFields(int number, IEnumerable<Field> fields)
        {
            foreach (var f in fields.Where(f => f.Value is null))
            {
                if (!_barProblemLines.Add(number))
                {
                    return;
                }

                string what = f.Raw.Length == 0
                    ? $"'{f.Key}' has no value"
                    : $"'{f.Key}' has '{Excerpt(f.Raw)}', which is not a number";
                _problems.Add(new ReadProblem(number, $"progress bar: {what}; the rest of the update is used"));
            }
        }

        private static int? DescriptionEpoch(string description)
        {
            Match m = DescriptionEpochRegex().Match(description);
            return !m.Success ? null : ParseInt(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
        }

        // Counters that advance by the same amount within every bar are a regular sample (1: every step); anything
        // else (tqdm redraws by time, not by step) has no interval.
        private static int? BarInterval(List<StepPoint> steps)
        {
            long? gap = null;
            for (int i = 1; i < steps.Count; i++)
            {
                if (steps[i].Epoch != steps[i - 1].Epoch)
                {
                    continue;
                }

                if (steps[i].StepInEpoch is not { } n || steps[i - 1].StepInEpoch is not { } p || n <= p || (gap is { } g && g != n - p))
                {
                    return null;
                }

                gap = n - p;
            }

            return gap is { } interval && interval <= int.MaxValue ? (int)interval : null;
        }

        private void DescribeBarSteps(List<StepPoint> steps, int? interval)
        {
            _notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{steps.Count} redraws of tqdm progress bars carry losses and are read as logged steps, each at the counter " +
                $"it shows (450 in 450/1000 is step 450 of its epoch). Each shows the values set_postfix was given at that " +
                $"moment: one batch's loss, unless the script shows a running average."));
            _notes.Add(interval == 1
                ? "The bar counters advance one step at a time: every step was shown, so counts over the steps are exact."
                : "A tqdm bar is a sample of the steps: it redraws when set_postfix is called or, as it advances, at most " +
                  "every mininterval (0.1 s by default), one logged step per redraw" +
                  (interval is > 1 ? string.Create(CultureInfo.InvariantCulture, $", here one every {interval} steps") : ", here at irregular steps") +
                  ". Rates computed from them are estimates with a confidence interval.");
            if (_redraws > 0)
            {
                _notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{_redraws} more redraws repeat the values of the one before (the bar advancing or closing without a new " +
                    $"set_postfix): each set of values is counted once, at the counter where it first shows (a new batch " +
                    $"that happened to print the same values as the one before is counted once too)."));
            }

            if (RoundingNote() is { } rounding)
            {
                _notes.Add(rounding);
            }

            _notes.Add("A discriminator loss shown as exactly zero ('0', '0.0') is read as a skipped discriminator step, as " +
                "the reference code logs one; any non-zero value, however small, is a real update.");
            if (steps.Any(s => s.GenLoss is null))
            {
                _notes.Add("Some bar redraws have no generator loss.");
            }
        }

        // Said whether or not the bars gave steps: what of them was not read, and why.
        private void DescribeBars()
        {
            if (_barUpdatesLeftOut > 0)
            {
                _notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{_barUpdatesLeftOut} progress-bar redraws with losses are left out: the log also has step lines, which " +
                    $"show the same training, and reading both would count steps twice."));
            }

            if (_evalBarLines.Count > 0)
            {
                _notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Progress bars without training losses (evaluation bars) show values at {LineList(_evalBarLines)}; they " +
                    $"are not read: a value in a bar is one batch's or a running figure, not the epoch's test result, which " +
                    $"comes from the test lines."));
            }

            if (_unreadBarNames.Count > 0)
            {
                _notes.Add("Progress-bar values under names not read as losses or learning rates are left out: " +
                    string.Join(", ", _unreadBarNames.Take(8).Select(n => $"'{n}'")) + (_unreadBarNames.Count > 8 ? ", ..." : "") + ".");
            }
        }

        // tqdm's set_postfix formats a number with 3 significant digits ('{:.3g}', or str() where that is shorter): a loss
        // is rounded, but a zero prints as '0' and a tiny loss as '1.2e-5', so zeros stay exact. A script that formats
        // the values itself ('{:.4f}') rounds to fixed decimals, and its zeros are read by the rounded-zero rule.
        private string? RoundingNote()
        {
            var shapes = _barTokens.Select(t => NumberShapeRegex().Match(t.Trim())).ToList();
            if (shapes.Count == 0 || shapes.Any(m => !m.Success))
            {
                return null;
            }

            bool tqdmDefault = shapes.All(m => !m.Groups["frac"].Value.EndsWith('0') &&
                (m.Groups["int"].Value + m.Groups["frac"].Value).TrimStart('0').Length <= 3);
            if (tqdmDefault)
            {
                return "The postfix numbers look like tqdm's default formatting of numbers, which keeps 3 significant " +
                    "digits: each loss is rounded, so epoch means are approximate. That formatting prints a zero as '0' " +
                    "and a tiny loss as, e.g., '1.2e-5', so a zero shown is an exact zero, not a rounded one.";
            }

            var decimals = shapes.Select(m => m.Groups["exp"].Success || !m.Groups["frac"].Success ? -1 : m.Groups["frac"].Length)
                .Distinct().ToList();
            return decimals is [var d and > 0]
                ? string.Create(CultureInfo.InvariantCulture,
                    $"The postfix values are printed with {d} decimals (the script formats them), so each is rounded to that precision.")
                : null;
        }

        private static string LineList(SortedSet<int> lines) =>
            (lines.Count == 1 ? "line " : "lines ") + string.Join(", ", lines.Take(5)) + (lines.Count > 5 ? ", ..." : "");
    }

    private static string ExcerptEnd(string text) => text.Length <= 60 ? text.Trim() : string.Concat("...", text.AsSpan(text.Length - 57).Trim());
}
