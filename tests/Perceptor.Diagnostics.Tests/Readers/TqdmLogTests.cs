using System.Globalization;
using Perceptor.Diagnostics.Detectors;
using Perceptor.Diagnostics.Readers;
using Perceptor.Diagnostics.Runs;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Readers;

public class TqdmLogTests
{
    private static RunData Read(string text) => CmganTextLogReader.Read(new StringReader(text), "train.log");

    private static RunData Read(TqdmLog log) => Read(log.ToString());

    // tqdm's set_postfix with a float: '{:.3g}' (str() where shorter); a zero prints as '0'.
    private static string FormatNum(double x) => x == 0 ? "0" : x.ToString("G3", CultureInfo.InvariantCulture).ToLowerInvariant();

    [Fact]
    public void Every_redraw_with_losses_is_one_step_at_the_counter_and_in_the_epoch_the_bar_names()
    {
        var run = Read(new TqdmLog());

        Assert.Equal(12 * 11, run.Steps.Count);
        Assert.Equal(Enumerable.Range(0, 12), run.Epochs.Select(e => e.Epoch));
        Assert.Equal(Enumerable.Range(0, 11).Select(k => k * 100), run.Steps.Where(s => s.Epoch == 4).Select(s => s.StepInEpoch ?? -1));
        var step = run.Steps.Where(s => s.Epoch == 4).ElementAt(3);
        Assert.Equal((0.2621, 0.0102), (step.GenLoss!.Value, step.DiscLoss!.Value));
        Assert.Equal(9, step.Line);
        Assert.Equal(TqdmLog.CollapsePesq, run.Epochs.Select(e => e.EvalPesq ?? 0));
        Assert.True(run.Epochs[0].TrainLossSampled);
        Assert.Equal(100, run.Settings.StepLogInterval);
        Assert.Equal(24, run.Source.Lines);
        Assert.Contains("tqdm", run.Source.Description, StringComparison.Ordinal);
        Assert.Empty(run.Source.Problems);
    }

    [Fact]
    public void A_log_of_bars_and_test_lines_gives_a_sampled_skip_rate_with_its_interval_and_the_collapse_onset()
    {
        var d = Diagnose.Text(new TqdmLog().ToString());

        Assert.Equal(SkipRateBasis.Sample, d.Disc.SkipBasis);
        Assert.Equal(new Proportion(24, 132, Exact: false), d.Disc.Skips);
        Assert.Equal(24 / 132.0, d.Disc.SkipRate!.Value, 12);
        Assert.InRange(d.Disc.SkipLower!.Value, 0.10, 24 / 132.0 - 0.01);
        Assert.InRange(d.Disc.SkipUpper!.Value, 24 / 132.0 + 0.01, 0.30);
        Assert.True(d.Collapse.Detected);
        Assert.Equal(5, d.Collapse.PeakEpoch);
        Assert.Equal(7, d.Collapse.OnsetEpoch);
        Assert.Equal(11, d.Collapse.FinalEpoch);
        Assert.Empty(d.Run.Source.Problems);
        Assert.Contains(d.Run.Source.Notes, n => n.Contains("sample of the steps", StringComparison.Ordinal) &&
            n.Contains("one every 100", StringComparison.Ordinal));
        Assert.Contains(d.Run.Source.Notes, n => n.Contains("printed with 4 decimals", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Epoch {0}", 1)]
    [InlineData("epoch {0}/100", 1)]
    [InlineData("Train E{0}", 1)]
    [InlineData("{0}", 1)]
    [InlineData("[{0}/100]", 1)]
    [InlineData("", 0)]
    [InlineData("Training", 0)]
    public void The_epoch_comes_from_the_description_or_else_from_the_order_of_the_bars(string description, int first)
    {
        var log = new TqdmLog
        {
            FirstEpoch = 1,
            Pesq = [2.5, 2.6, 2.7],
            Description = e => string.Format(CultureInfo.InvariantCulture, description, e),
        };

        var run = Read(log);

        Assert.Equal([first, first + 1, first + 2], run.Epochs.Select(e => e.Epoch));
        Assert.Equal([11, 11, 11], run.Steps.GroupBy(s => s.Epoch).Select(g => g.Count()));
        Assert.Equal([2.5, 2.6, 2.7], run.Epochs.Select(e => e.EvalPesq ?? 0));
        Assert.Empty(run.Source.Problems);
    }

    [Fact]
    public void Bars_without_an_epoch_and_without_test_lines_are_told_apart_by_the_counter_starting_again()
    {
        var run = Read(new TqdmLog { Description = _ => "", TestLines = false, Pesq = [0, 0, 0, 0] });

        Assert.Equal([0, 1, 2, 3], run.Epochs.Select(e => e.Epoch));
        Assert.Equal(44, run.Steps.Count);
        Assert.All(run.Epochs, e => Assert.Null(e.EvalPesq));
        Assert.Empty(run.Source.Problems);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void Ascii_and_block_bars_and_both_rate_units_read_the_same(bool ascii, bool secondsPerIteration)
    {
        var log = new TqdmLog { Ascii = ascii, SecondsPerIteration = secondsPerIteration };
        string text = log.ToString();
        Assert.Equal(ascii, text.Contains("|#####     |", StringComparison.Ordinal));

        var run = Read(text);

        Assert.Equal(132, run.Steps.Count);
        Assert.Equal(12, run.Epochs.Count);
        Assert.Equal(24, run.Steps.Count(s => s.DiscSkipped == true));
        Assert.Empty(run.Source.Problems);
    }

    [Theory]
    [InlineData("gen_loss", "disc_loss")]
    [InlineData("loss_G", "loss_D")]
    [InlineData("g_loss", "d_loss")]
    [InlineData("loss", "disc_loss")]
    [InlineData("G_loss", "dLoss")]
    public void Postfix_names_are_understood_by_the_metric_name_classifier(string genKey, string discKey)
    {
        var run = Read(new TqdmLog { GenKey = genKey, DiscKey = discKey, Pesq = [2.5, 2.6] });

        Assert.Equal(22, run.Steps.Count);
        Assert.Equal(0.3007, run.Steps[1].GenLoss);
        Assert.Equal(0.0111, run.Steps[1].DiscLoss);
        Assert.Equal(0.0, run.Steps[2].DiscLoss);
        Assert.Empty(run.Source.Problems);
    }

    [Fact]
    public void A_pesq_in_a_training_bar_does_not_replace_the_test_line()
    {
        var run = Read(new TqdmLog { Pesq = [2.5, 2.6], PostfixText = (g, d) => $"gen_loss={g}, disc_loss={d}, pesq=0.61" });

        Assert.Equal([2.5, 2.6], run.Epochs.Select(e => e.EvalPesq ?? 0));
        Assert.Equal(22, run.Steps.Count);
        Assert.Empty(run.Source.Problems);
    }

    [Theory]
    [InlineData("G_loss {0} D_loss {1}")]
    [InlineData("gen loss: {0} | disc loss: {1}")]
    [InlineData("loss_G={0} loss_D={1} (lr 5e-4)")]
    public void Free_text_from_set_postfix_str_is_read_where_it_names_the_losses(string format)
    {
        var run = Read(new TqdmLog
        {
            Pesq = [2.5, 2.6],
            PostfixText = (g, d) => string.Format(CultureInfo.InvariantCulture, format, g, d),
        });

        Assert.Equal(22, run.Steps.Count);
        Assert.Equal((0.3007, 0.0111), (run.Steps[1].GenLoss!.Value, run.Steps[1].DiscLoss!.Value));
        Assert.Equal(4, run.Steps.Count(s => s.DiscSkipped == true));
        Assert.Empty(run.Source.Problems);
    }

    [Fact]
    public void Free_text_without_loss_names_gives_no_steps_and_says_which_names_were_not_read()
    {
        var run = Read(new TqdmLog { Pesq = [2.5, 2.6], PostfixText = (g, d) => $"G={g}, D={d}" });

        Assert.Empty(run.Steps);
        Assert.Equal([0, 1], run.Epochs.Select(e => e.Epoch));
        Assert.Empty(run.Source.Problems);
        Assert.Contains(run.Source.Notes, n => n.Contains("'D', 'G'", StringComparison.Ordinal));
    }

    [Fact]
    public void Redraws_ended_by_newlines_read_like_redraws_ended_by_carriage_returns()
    {
        var log = new TqdmLog { NewlinePerUpdate = true };
        var lines = log.Lines();
        // leave=True: closing the bar draws its last state once more.
        for (int i = lines.Count - 1; i >= 0; i--)
        {
            if (lines[i].StartsWith("Test", StringComparison.Ordinal))
            {
                lines.Insert(i, lines[i - 1]);
            }
        }

        var run = Read(string.Join("\n", lines) + "\n");

        Assert.Equal(132, run.Steps.Count);
        Assert.Equal(Enumerable.Range(0, 12), run.Epochs.Select(e => e.Epoch));
        Assert.Equal(14, run.Steps.Single(s => s.Epoch == 1 && s.StepInEpoch == 0).Line);
        Assert.Equal(24, run.Steps.Count(s => s.DiscSkipped == true));
        Assert.Contains(run.Source.Notes, n => n.StartsWith("12 more redraws repeat", StringComparison.Ordinal));
        Assert.Empty(run.Source.Problems);
    }

    [Fact]
    public void Terminal_escapes_of_coloured_and_positioned_bars_are_ignored()
    {
        var log = new TqdmLog { Ansi = true };
        var lines = log.Lines();
        // An outer bar over the epochs (position 0, no postfix) redrawn after each epoch's inner bar.
        for (int i = 0, e = 0; i < lines.Count; i++)
        {
            if (lines[i].StartsWith("Test", StringComparison.Ordinal))
            {
                e++;
                lines[i - 1] += "\r" + log.Update("Epochs", e, 12, "") + "\u001b[K";
            }
        }

        var run = Read(string.Join("\n", lines) + "\n");

        Assert.Equal(132, run.Steps.Count);
        Assert.Equal(Enumerable.Range(0, 12), run.Epochs.Select(e => e.Epoch));
        Assert.Equal(TqdmLog.CollapsePesq, run.Epochs.Select(e => e.EvalPesq ?? 0));
        Assert.Empty(run.Source.Problems);
    }

    [Fact]
    public void Bars_that_show_only_progress_make_no_steps_no_epochs_and_no_problems()
    {
        var run = Read(new TqdmLog { ProgressOnly = true });

        Assert.Empty(run.Steps);
        Assert.Equal(Enumerable.Range(0, 12), run.Epochs.Select(e => e.Epoch));
        Assert.Empty(run.Source.Problems);
        Assert.DoesNotContain(run.Source.Notes, n => n.Contains("tqdm", StringComparison.Ordinal));
    }

    [Fact]
    public void A_log_of_progress_only_bars_without_test_lines_is_not_a_readable_log()
    {
        var e = Assert.Throws<LogReadException>(() => Read(new TqdmLog { ProgressOnly = true, TestLines = false }));
        Assert.Contains("no training or test lines", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_only_redraws_and_evaluation_bars_beside_the_training_bar_add_nothing()
    {
        var log = new TqdmLog();
        var lines = log.Lines();
        for (int i = lines.Count - 1; i >= 0; i--)
        {
            if (lines[i].StartsWith('\r'))
            {
                // tqdm draws a bar before the first set_postfix: counter 0, no postfix.
                lines[i] = "\r" + log.Update($"Epoch {i / 2}", 0, 1000, "") + lines[i];
            }
            else if (lines[i].StartsWith("Test", StringComparison.Ordinal))
            {
                lines.Insert(i, "\r" + log.Update("Test", 25, 50, "pesq=2.31") + "\r" + log.Update("Test", 50, 50, "pesq=2.29"));
            }
        }

        var run = Read(string.Join("\n", lines) + "\n");

        Assert.Equal(132, run.Steps.Count);
        Assert.Equal(TqdmLog.CollapsePesq, run.Epochs.Select(e => e.EvalPesq ?? 0));
        Assert.Empty(run.Source.Problems);
        Assert.Contains(run.Source.Notes, n => n.Contains("evaluation bars", StringComparison.Ordinal) &&
            n.Contains("lines 2, 5, 8", StringComparison.Ordinal));
    }

    [Fact]
    public void A_zero_rounded_to_three_decimals_beside_losses_near_that_rounding_is_not_claimed_as_a_skip()
    {
        var log = new TqdmLog { Format = x => x.ToString("F3", CultureInfo.InvariantCulture) };
        Assert.Contains("disc_loss=0.000]", log.ToString(), StringComparison.Ordinal);

        var d = Diagnose.Text(log.ToString());

        Assert.All(d.Run.Steps.Where(s => s.DiscLoss == 0), s => Assert.Null(s.DiscSkipped));
        Assert.Equal(108, d.Run.Steps.Count(s => s.DiscSkipped == false));
        Assert.Equal(SkipRateBasis.Bounds, d.Disc.SkipBasis);
        Assert.Null(d.Disc.SkipRate);
        Assert.Equal(24, d.Disc.UnknownSteps);
        Assert.Equal(0, d.Disc.SkipLower);
        Assert.Contains(d.Run.Source.Notes, n => n.Contains("rounded zero", StringComparison.Ordinal));
        Assert.Contains(d.Run.Source.Notes, n => n.Contains("printed with 3 decimals", StringComparison.Ordinal));
    }

    [Fact]
    public void With_tqdms_own_number_format_a_zero_is_exact_and_the_note_says_values_keep_three_digits()
    {
        var log = new TqdmLog { Format = FormatNum };
        Assert.Contains("disc_loss=0]", log.ToString(), StringComparison.Ordinal);

        var d = Diagnose.Text(log.ToString());

        Assert.Equal(24, d.Run.Steps.Count(s => s.DiscSkipped == true));
        Assert.Equal(SkipRateBasis.Sample, d.Disc.SkipBasis);
        Assert.Equal(24 / 132.0, d.Disc.SkipRate!.Value, 12);
        Assert.Contains(d.Run.Source.Notes, n => n.Contains("3 significant digits", StringComparison.Ordinal));
        Assert.DoesNotContain(d.Run.Source.Notes, n => n.Contains("rounded zero", StringComparison.Ordinal));
    }

    [Fact]
    public void A_redraw_cut_mid_postfix_at_the_end_of_the_log_is_reported_by_line_and_left_out()
    {
        var log = new TqdmLog();
        var lines = log.Lines();
        string whole = "\r" + log.Update("Epoch 12", 0, 1000, "gen_loss=0.1900, disc_loss=0.0110");
        string cut = "\r" + log.Update("Epoch 12", 100, 1000, "gen_loss=0.1890, disc_loss=0.0120");
        lines.Add(whole + cut[..^10]);   // "..., disc_lo"
        string text = string.Join("\n", lines);
        Assert.EndsWith("disc_lo", text, StringComparison.Ordinal);

        var run = Read(text);

        var problem = Assert.Single(run.Source.Problems);
        Assert.Equal(25, problem.Line);
        Assert.Contains("cut off", problem.Message, StringComparison.Ordinal);
        Assert.Contains("disc_lo", problem.Message, StringComparison.Ordinal);
        Assert.Equal(133, run.Steps.Count);
        Assert.Equal(0.19, run.Steps.Single(s => s.Epoch == 12).GenLoss);
        Assert.Equal(13, run.Epochs.Count);
    }

    [Fact]
    public void A_redraw_with_a_damaged_value_is_reported_once_for_its_line()
    {
        var log = new TqdmLog();
        var lines = log.Lines();
        lines[4] = lines[4].Replace("gen_loss=0.2807", "gen_loss=0.2x07", StringComparison.Ordinal);
        Assert.Contains("0.2x07", lines[4], StringComparison.Ordinal);

        var run = Read(string.Join("\n", lines));

        var problem = Assert.Single(run.Source.Problems);
        Assert.Equal(5, problem.Line);
        Assert.Contains("'gen_loss' has '0.2x07', which is not a number", problem.Message, StringComparison.Ordinal);
        Assert.Equal(132, run.Steps.Count);
    }

    [Fact]
    public void Redraws_of_unchanged_values_count_once_and_a_stale_counter_still_gives_a_step()
    {
        // set_postfix every batch: it redraws at the counter before the batch; tqdm's own redraw (advancing) repeats
        // it at the next counter. With mininterval not yet passed the counter lags and repeats with new values.
        var log = new TqdmLog();
        string desc = "Epoch 0";
        string bar = string.Concat(
            "\r" + log.Update(desc, 0, 10, "gen_loss=0.30, disc_loss=0.011"),
            "\r" + log.Update(desc, 1, 10, "gen_loss=0.30, disc_loss=0.011"),
            "\r" + log.Update(desc, 1, 10, "gen_loss=0.29, disc_loss=0"),
            "\r" + log.Update(desc, 1, 10, "gen_loss=0.28, disc_loss=0.013"),
            "\r" + log.Update(desc, 3, 10, "gen_loss=0.28, disc_loss=0.013"),
            "\r" + log.Update(desc, 3, 10, "gen_loss=0.27, disc_loss=0.012"));

        var d = Diagnose.Text(bar + "\nTest Gen loss: 0.25, Disc loss: 0.01, PESQ: 2.5\n");

        Assert.Equal([0, 1, 1, 3], d.Run.Steps.Select(s => s.StepInEpoch ?? -1));
        Assert.Equal([0.30, 0.29, 0.28, 0.27], d.Run.Steps.Select(s => s.GenLoss ?? 0));
        Assert.Null(d.Run.Settings.StepLogInterval);
        Assert.Equal(SkipRateBasis.Sample, d.Disc.SkipBasis);
        Assert.Equal(new Proportion(1, 4, Exact: false), d.Disc.Skips);
        Assert.Contains(d.Run.Source.Notes, n => n.StartsWith("2 more redraws repeat", StringComparison.Ordinal));
        Assert.Contains(d.Run.Source.Notes, n => n.Contains("at irregular steps", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bar_that_shows_every_step_gives_an_exact_skip_rate()
    {
        var log = new TqdmLog { Total = 10, Every = 1, Pesq = [2.5, 2.6], SkipAt = new HashSet<int> { 4 } };

        var d = Diagnose.Text(log.ToString());

        Assert.Equal(1, d.Run.Settings.StepLogInterval);
        Assert.Equal(SkipRateBasis.Exact, d.Disc.SkipBasis);
        Assert.Equal(new Proportion(2, 22, Exact: true), d.Disc.Skips);
        Assert.Contains(d.Run.Source.Notes, n => n.Contains("every step was shown", StringComparison.Ordinal));
    }

    [Fact]
    public void Disc_stats_lines_between_the_bars_still_give_the_exact_count()
    {
        var lines = new TqdmLog().Lines();
        lines.Insert(lines.Count - 1, "[DISC STATS] Trained: 900/1000 (90.0%)");

        var d = Diagnose.Text(string.Join("\n", lines));

        Assert.Equal(new DiscTally(1000, 100, null, d.Run.DiscTally!.Basis), d.Run.DiscTally);
        Assert.Equal(SkipRateBasis.Exact, d.Disc.SkipBasis);
        Assert.Equal(0.1, d.Disc.SkipRate!.Value, 12);
        Assert.Equal(12, d.Run.Epochs.Count);
        Assert.Empty(d.Run.Source.Problems);
    }

    [Fact]
    public void A_line_printed_while_the_bar_was_open_is_read_after_the_bar()
    {
        var lines = new TqdmLog { Pesq = [2.5, 2.6, 2.7] }.Lines();
        // print() instead of tqdm.write(): the test line lands on the bar's line, after its last redraw.
        lines[2] += lines[3];
        lines.RemoveAt(3);

        var run = Read(string.Join("\n", lines));

        Assert.Equal([2.5, 2.6, 2.7], run.Epochs.Select(e => e.EvalPesq ?? 0));
        Assert.Equal(33, run.Steps.Count);
        Assert.Empty(run.Source.Problems);
    }

    [Fact]
    public void Bars_are_left_out_where_step_lines_log_the_same_training()
    {
        var lines = new TqdmLog { Pesq = [2.5, 2.6] }.Lines();
        lines.Insert(1, "Epoch 0, Step 500, loss: 0.2, disc_loss: 0.01");
        lines.Insert(4, "Epoch 1, Step 500, loss: 0.19, disc_loss: 0.0");

        var run = Read(string.Join("\n", lines));

        Assert.Equal([0.2, 0.19], run.Steps.Select(s => s.GenLoss ?? 0));
        Assert.Equal([2.5, 2.6], run.Epochs.Select(e => e.EvalPesq ?? 0));
        Assert.Contains(run.Source.Notes, n => n.StartsWith("22 progress-bar redraws with losses are left out", StringComparison.Ordinal));
        Assert.Empty(run.Source.Problems);
    }

    [Fact]
    public void A_resumed_run_whose_bars_go_back_to_an_earlier_epoch_replaces_those_epochs()
    {
        var first = new TqdmLog { Pesq = [2.5, 2.6, 2.7] }.Lines();
        var again = new TqdmLog { FirstEpoch = 1, Pesq = [2.65, 2.75] }.Lines();

        var run = Read(string.Join("\n", first.Concat(again)));

        Assert.Equal([0, 1, 2], run.Epochs.Select(e => e.Epoch));
        Assert.Equal([2.5, 2.65, 2.75], run.Epochs.Select(e => e.EvalPesq ?? 0));
        Assert.Equal(33, run.Steps.Count);
        Assert.Equal(7, run.Steps.First(s => s.Epoch == 1).Line);
        Assert.Contains(run.Source.Notes, n => n.Contains("At line 7 the epochs start again at 1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_tqdm_log_file_is_recognised_as_a_text_log()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "slurm-1234.out");
        File.WriteAllText(path, new TqdmLog { Ascii = false }.ToString());

        Assert.Equal(LogKind.Text, RunReader.Detect(path));
        Assert.Equal(132, RunReader.Read(path).Steps.Count);
    }
}
