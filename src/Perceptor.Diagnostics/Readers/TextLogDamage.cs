using System.Text.RegularExpressions;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Readers;

/// <summary>
/// The pass that finds damage the lines do not show on their own: a line that starts like the log's lines but matched
/// nothing, and a step or test line without a value that nearly all the others have. A missing value that would stand
/// at the end of its line, on the log's last line, is named as the log being cut off; one missing from the middle of
/// a line is named as missing.
/// </summary>
internal static class TextLogDamage
{
    // The order in which a test line gives its values.
    private static readonly string[] TestLineOrder = ["train loss", "train disc loss", "loss", "disc loss", "PESQ", "noisy PESQ"];

    /// <summary>Reports the unrecognised lines that look like log lines (same logger prefix, or epoch/step words).</summary>
    public static void FlagLookalikes(IEnumerable<(int Line, string Text)> unrecognised, IReadOnlyDictionary<string, int> recognisedPrefixes,
        int lastContentLine, List<ReadProblem> problems)
    {
        foreach (var (number, text) in unrecognised)
        {
            Match m = TextLogRecognisers.PrefixRegex().Match(text);
            bool lookalike = m.Success && recognisedPrefixes.GetValueOrDefault(m.Value) >= 2;
            bool mentionsMetrics = (TextLogRecognisers.EpochRegex().IsMatch(text) || TextLogRecognisers.StepRegex().IsMatch(text)) &&
                (TextLogRecognisers.StepRegex().IsMatch(text) || TextLogRecognisers.MetricWordRegex().IsMatch(text));
            if (lookalike || mentionsMetrics)
            {
                string why = number == lastContentLine
                    ? "incomplete line (the log ends here: it looks cut off)"
                    : "looks like a log line but could not be read";
                problems.Add(new ReadProblem(number, $"{why}: '{TextLogText.Excerpt(text)}'; line skipped"));
            }
        }
    }

    /// <summary>Reports step lines without the disc_loss (or loss) that nearly every other step line has.</summary>
    public static void FlagMissingStepValues(IReadOnlyList<TextLogStep> steps, int lastContentLine, List<ReadProblem> problems)
    {
        if (steps.Count < 5)
        {
            return;
        }

        var flagged = problems.Where(p => p.Line is not null).Select(p => p.Line!.Value).ToHashSet();
        double withDisc = steps.Count(s => s.Point.DiscLoss is not null) / (double)steps.Count;
        double withGen = steps.Count(s => s.Point.GenLoss is not null) / (double)steps.Count;
        foreach (var (point, _, discNone, fromBar) in steps)
        {
            // A bar update that ends with its bracket is whole: a key it lacks was not in the postfix then.
            int line = point.Line!.Value;
            if (flagged.Contains(line) || discNone || fromBar)
            {
                continue;
            }

            // The discriminator loss ends a step line: only its absence on the last line may be the log being cut.
            // A line without the generator loss still has its discriminator loss after it, so it was not cut there.
            if (point.DiscLoss is null && withDisc >= 0.8)
            {
                problems.Add(new ReadProblem(line, line == lastContentLine
                    ? "no disc_loss value, which the other step lines have: the log ends here and looks cut off; the rest of the line is used"
                    : "no disc_loss value, which the other step lines have (a damaged line?); the rest of the line is used"));
            }
            else if (point.GenLoss is null && withGen >= 0.8)
            {
                problems.Add(new ReadProblem(line,
                    "no loss value, which the other step lines have (a damaged line?); the rest of the line is used"));
            }
        }
    }

    /// <summary>Reports test lines without a value (PESQ, say) that nearly every other test line has.</summary>
    public static void FlagMissingTestValues(IReadOnlyCollection<TextLogEval> evals, int lastContentLine, List<ReadProblem> problems)
    {
        if (evals.Count < 3)
        {
            return;
        }

        var flagged = problems.Where(p => p.Line is not null).Select(p => p.Line!.Value).ToHashSet();
        var filled = evals.Select(a => (Acc: a, Names: a.Filled())).ToList();
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
            // Cut off only where every value missing would come after every value the line has.
            bool cut = acc.Line == lastContentLine &&
                missing.Min(n => Array.IndexOf(TestLineOrder, n)) > names.Select(n => Array.IndexOf(TestLineOrder, n)).DefaultIfEmpty(-1).Max();
            problems.Add(new ReadProblem(acc.Line, cut
                ? $"test line without {what}, which the other test lines have: the log ends here and looks cut off; the rest of the line is used"
                : $"test line without {what}, which the other test lines have (a damaged line?); the rest of the line is used"));
        }
    }
}
