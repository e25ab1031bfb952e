using System.Globalization;
using System.Text.RegularExpressions;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Readers;

/// <summary>
/// The last part of the text-log reader: turns the steps and test values the epoch pass put in order into the
/// normalised run (zeros read as skips, the sampling interval, epoch means, settings) and writes the notes that say
/// how each was read.
/// </summary>
internal static partial class TextLogAssembler
{
    [GeneratedRegex(@"^[-+]?(?<int>[0-9]*)(?:\.(?<frac>[0-9]*))?(?<exp>[eE][-+]?[0-9]+)?$")]
    private static partial Regex NumberShapeRegex();

    public static RunData Build(string path, int lineCount, TextLogEpochPass pass, List<ReadProblem> problems, List<string> notes)
    {
        var steps = ClassifyZeros(pass.Steps, notes);
        // A bar redraws by time, not every log_interval steps: its counters alone say how the steps were sampled.
        bool barSteps = pass.Steps.Any(s => s.FromBar);
        var counters = pass.Counters;
        int? interval = barSteps ? BarInterval(steps) : counters.LogInterval ?? StepAggregation.InferInterval(steps);
        steps = StepAggregation.WithPositions(steps, interval);
        var epochs = StepAggregation.EpochMeans(steps, sampled: interval != 1);
        foreach (var (epoch, lr) in pass.StepLrs)
        {
            if (epochs.TryGetValue(epoch, out var p))
            {
                epochs[epoch] = p with { LrGen = lr.Gen, LrDisc = lr.Disc };
            }
        }

        foreach (var (epoch, acc) in pass.Evals)
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
            DescribeBarSteps(steps, interval, pass.Bars, notes);
        }
        else
        {
            DescribeSteps(steps, interval, notes);
        }

        DescribeBars(pass.Bars, notes);
        DiscTally? tally = null;
        if (counters.DiscStats is { } stats)
        {
            tally = new DiscTally(stats.Total, stats.Total - stats.Trained, null,
                string.Create(CultureInfo.InvariantCulture, $"the [DISC STATS] counter at line {stats.Line}"));
        }

        if (pass.OtherGpus.Count > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"Lines of GPU {string.Join(", ", pass.OtherGpus)} are left out: each rank logs its own steps of the same epochs, and GPU {pass.Gpu} is used."));
        }

        if (counters.SkipMarks > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{counters.SkipMarks} '[SKIP]' lines mark discriminator steps skipped because a PESQ target failed."));
        }

        double? discLr = counters.DiscLr;
        if (counters.GenLr is not null && discLr is null)
        {
            discLr = 2 * counters.GenLr;
            notes.Add("The discriminator learning rate is taken as twice init_lr, as the reference code sets it; " +
                "a patched trainer may differ.");
        }

        return new RunData
        {
            Source = new RunSource
            {
                Path = path,
                Kind = LogKind.Text,
                Description = barSteps ? "text log with tqdm progress bars" : "text log of the CMGAN reference trainer",
                Lines = lineCount,
                SkipEvidence = SkipEvidenceOf(pass.Steps, steps),
                EvalComparability = EvalComparability.Unknown,
                EvalComparabilityReason = "a text log does not record how the test crops were chosen; the reference " +
                    "test() draws a new random 2 s crop of every test file each epoch",
                Notes = notes,
                Problems = problems.OrderBy(p => p.Line ?? 0).ToList(),
            },
            Settings = new RunSettings
            {
                GenLr = counters.GenLr,
                DiscLr = discLr,
                LossWeights = counters.LossWeights,
                BatchSize = counters.BatchSize,
                StepLogInterval = interval,
            },
            Steps = steps,
            Epochs = epochs.Values.OrderBy(e => e.Epoch).ToList(),
            Calibration = pass.Calibration.OrderBy(c => c.Epoch).ToList(),
            DiscTally = tally,
        };
    }

    // Skips logged as None are explicit skip flags; where zeros mark (some of) them, the reference convention holds.
    private static SkipEvidence SkipEvidenceOf(List<TextLogStep> read, List<StepPoint> steps)
    {
        bool zeroSkips = steps.Any(s => s.DiscSkipped == true && s.DiscLoss is not null);
        if (read.Any(s => s.DiscNone) && !zeroSkips)
        {
            return SkipEvidence.Explicit;
        }

        return steps.Any(s => s.DiscLoss is not null) ? SkipEvidence.ExactZero : SkipEvidence.None;
    }

    private static List<StepPoint> ClassifyZeros(List<TextLogStep> read, List<string> notes)
    {
        var (skipped, note) = ZeroLossRule.Classify(read.Select(s => (s.Point.DiscLoss, s.DiscToken)).ToList());
        if (note is not null)
        {
            notes.Add(note);
        }

        int nones = read.Count(s => s.DiscNone);
        if (nones > 0)
        {
            notes.Add(nones.ToString(CultureInfo.InvariantCulture) + " step lines log disc_loss as None: no discriminator " +
                "loss was computed for that batch, so each is read as a skipped discriminator step.");
        }

        return read.Select((s, i) => s.Point with { DiscSkipped = s.DiscNone ? true : skipped[i] }).ToList();
    }

    private static void DescribeSteps(List<StepPoint> steps, int? interval, List<string> notes)
    {
        if (steps.Count == 0)
        {
            notes.Add("No step lines: training losses per step, skip and saturation rates are not in this log.");
            return;
        }

        if (interval is > 1)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"Step lines are a sample: one logged step every {interval} steps ({steps.Count} lines), each the " +
                $"loss of a single batch. Rates computed from them are estimates with a confidence interval."));
        }

        notes.Add("In the reference code a skipped discriminator step is logged as disc_loss exactly 0.0; " +
            "any non-zero value, however small, is a real update.");
        if (steps.Any(s => s.GenLoss is null))
        {
            notes.Add("Some step lines have no generator loss.");
        }
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

    private static void DescribeBarSteps(List<StepPoint> steps, int? interval, TextLogBarTally bars, List<string> notes)
    {
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"{steps.Count} redraws of tqdm progress bars carry losses and are read as logged steps, each at the counter " +
            $"it shows (450 in 450/1000 is step 450 of its epoch). Each shows the values set_postfix was given at that " +
            $"moment: one batch's loss, unless the script shows a running average."));
        notes.Add(interval == 1
            ? "The bar counters advance one step at a time: every step was shown, so counts over the steps are exact."
            : "A tqdm bar is a sample of the steps: it redraws when set_postfix is called or, as it advances, at most " +
              "every mininterval (0.1 s by default), one logged step per redraw" +
              (interval is > 1 ? string.Create(CultureInfo.InvariantCulture, $", here one every {interval} steps") : ", here at irregular steps") +
              ". Rates computed from them are estimates with a confidence interval.");
        if (bars.Redraws > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{bars.Redraws} more redraws repeat the values of the one before (the bar advancing or closing without a new " +
                $"set_postfix): each set of values is counted once, at the counter where it first shows (a new batch " +
                $"that happened to print the same values as the one before is counted once too)."));
        }

        if (RoundingNote(bars.Tokens) is { } rounding)
        {
            notes.Add(rounding);
        }

        notes.Add("A discriminator loss shown as exactly zero ('0', '0.0') is read as a skipped discriminator step, as " +
            "the reference code logs one; any non-zero value, however small, is a real update.");
        if (steps.Any(s => s.GenLoss is null))
        {
            notes.Add("Some bar redraws have no generator loss.");
        }
    }

    // Said whether or not the bars gave steps: what of them was not read, and why.
    private static void DescribeBars(TextLogBarTally bars, List<string> notes)
    {
        if (bars.LeftOut > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{bars.LeftOut} progress-bar redraws with losses are left out: the log also has step lines, which " +
                $"show the same training, and reading both would count steps twice."));
        }

        if (bars.EvalBarLines.Count > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"Progress bars without training losses (evaluation bars) show values at {TextLogText.LineList(bars.EvalBarLines)}; they " +
                $"are not read: a value in a bar is one batch's or a running figure, not the epoch's test result, which " +
                $"comes from the test lines."));
        }

        if (bars.UnreadNames.Count > 0)
        {
            notes.Add("Progress-bar values under names not read as losses or learning rates are left out: " +
                string.Join(", ", bars.UnreadNames.Take(8).Select(n => $"'{n}'")) + (bars.UnreadNames.Count > 8 ? ", ..." : "") + ".");
        }
    }

    // tqdm's set_postfix formats a number with 3 significant digits ('{:.3g}', or str() where that is shorter): a loss
    // is rounded, but a zero prints as '0' and a tiny loss as '1.2e-5', so zeros stay exact. A script that formats
    // the values itself ('{:.4f}') rounds to fixed decimals, and its zeros are read by the rounded-zero rule.
    private static string? RoundingNote(List<string> tokens)
    {
        var shapes = tokens.Select(t => NumberShapeRegex().Match(t.Trim())).ToList();
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
}
