using Perceptor.Diagnostics.Detectors;
using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Readers;
using Perceptor.Diagnostics.Runs;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Readers;

public class CmganTextLogReaderTests
{
    private static RunData Read(string text) => CmganTextLogReader.Read(new StringReader(text), "train.log");

    [Fact]
    public void Reads_step_and_test_lines_of_the_reference_format()
    {
        var run = Read("""
            INFO:root:GPU: 0, Epoch 0, Step 500, loss: 0.2, disc_loss: 0.0136
            INFO:root:GPU: 0, Epoch 0, Step 1000, loss: 0.18, disc_loss: 0.0
            INFO:root:GPU: 0, Test Gen loss: 0.11, Disc loss: 0.004, PESQ: 2.57
            INFO:root:GPU: 0, Epoch 1, Step 500, loss: 0.16, disc_loss: 3.1e-06
            INFO:root:GPU: 0, Test Gen loss: 0.105, Disc loss: 0.0038, PESQ: 2.61
            """);

        Assert.Equal(LogKind.Text, run.Source.Kind);
        Assert.Equal(3, run.Steps.Count);
        Assert.Equal([0, 0, 1], run.Steps.Select(s => s.Epoch));
        Assert.Equal([500, 1000, 500], run.Steps.Select(s => s.StepInEpoch ?? -1));
        Assert.Equal([false, true, false], run.Steps.Select(s => s.DiscSkipped ?? false));
        Assert.Equal(3.1e-6, run.Steps[2].DiscLoss);
        Assert.Equal(2, run.Epochs.Count);
        Assert.Equal(2.57, run.Epochs[0].EvalPesq);
        Assert.Equal(0.11, run.Epochs[0].EvalLoss);
        Assert.Equal(0.004, run.Epochs[0].EvalDiscLoss);
        Assert.Equal(0.19, run.Epochs[0].TrainLoss!.Value, 12);
        Assert.True(run.Epochs[0].TrainLossSampled);
        Assert.Equal(2.61, run.Epochs[1].EvalPesq);
        Assert.Equal(500, run.Settings.StepLogInterval);
        Assert.Equal(SkipEvidence.ExactZero, run.Source.SkipEvidence);
        Assert.Equal(EvalComparability.Unknown, run.Source.EvalComparability);
        Assert.Empty(run.Source.Problems);
    }

    [Fact]
    public void Reads_the_older_forms_without_prefix_and_with_the_generator_discriminator_test_line()
    {
        var run = Read("""
            Epoch 3, Step 500, loss: 0.14, disc_loss: 0.0012
            Epoch 3, Step 1000, loss: 0.13, disc_loss: 0.0011
            Generator loss: 0.11, Discriminator loss: 0.004
            Epoch 4, Step 500, loss: 0.12, disc_loss: 0.001
            Generator loss: 0.10, Discriminator loss: 0.003
            """);

        Assert.Equal([3, 4], run.Epochs.Select(e => e.Epoch));
        Assert.Equal([0.11, 0.10], run.Epochs.Select(e => e.EvalLoss ?? double.NaN));
        Assert.All(run.Epochs, e => Assert.Null(e.EvalPesq));
    }

    [Fact]
    public void Tolerates_timestamps_case_and_separators()
    {
        var run = Read("""
            2024-05-03 10:12:01,532 - INFO - gpu: 0, EPOCH 2, STEP 500, Loss = 0.15, Disc_Loss = 0.002
            2024-05-03 10:40:07,001 - INFO - test gen loss=0.1, disc loss=0.003, pesq=2.6
            """);

        Assert.Single(run.Steps);
        Assert.Equal(2, run.Steps[0].Epoch);
        Assert.Equal(0.15, run.Steps[0].GenLoss);
        Assert.Equal(0.002, run.Steps[0].DiscLoss);
        Assert.Equal(2.6, run.Epochs.Single().EvalPesq);
        Assert.Equal(2, run.Epochs.Single().Epoch);
    }

    [Theory]
    [InlineData("Epoch [3/120], Step [500/2893], loss: 0.14, disc_loss: 0.0012")]
    [InlineData("epoch=3 step=500 g_loss=0.14 d_loss=0.0012")]
    [InlineData("[2024-05-03 10:12:01] Epoch: 3 | Step: 500 | Loss: 0.14 | Disc Loss: 0.0012")]
    [InlineData("\uFEFFINFO:root:GPU: 0, Epoch 3, Step 500, loss: 0.14, disc_loss: 0.0012\r")]
    public void Reads_common_variants_of_the_step_line(string line)
    {
        var step = Read(line + "\n").Steps.Single();
        Assert.Equal((3, 500, 0.14, 0.0012), (step.Epoch, step.StepInEpoch!.Value, step.GenLoss!.Value, step.DiscLoss!.Value));
    }

    [Fact]
    public void Test_lines_without_step_lines_number_the_epochs_in_order()
    {
        var run = Read("""
            Test Gen loss: 0.11, Disc loss: 0.004, PESQ: 2.5
            Test Gen loss: 0.10, Disc loss: 0.004, PESQ: 2.6
            Test Gen loss: 0.09, Disc loss: 0.004, PESQ: 2.4
            """);

        Assert.Equal([0, 1, 2], run.Epochs.Select(e => e.Epoch));
        Assert.Equal([2.5, 2.6, 2.4], run.Epochs.Select(e => e.EvalPesq ?? 0));
    }

    [Fact]
    public void A_pesq_line_after_the_test_line_belongs_to_the_same_epoch()
    {
        var run = Read("""
            Epoch 0, Step 500, loss: 0.2, disc_loss: 0.01
            Test Gen loss: 0.11, Disc loss: 0.004
            Test PESQ: 2.5
            Epoch 1, Step 500, loss: 0.19, disc_loss: 0.01
            Test Gen loss: 0.10, Disc loss: 0.004
            Test PESQ: 2.55
            """);

        Assert.Equal(2, run.Epochs.Count);
        Assert.Equal(0.11, run.Epochs[0].EvalLoss);
        Assert.Equal(2.5, run.Epochs[0].EvalPesq);
        Assert.Equal(2.55, run.Epochs[1].EvalPesq);
    }

    [Fact]
    public void Reads_settings_from_the_argument_dump()
    {
        var run = Read(new ReferenceLog().ToString());

        Assert.Equal(5e-4, run.Settings.GenLr);
        Assert.Equal(1e-3, run.Settings.DiscLr);
        Assert.Equal(1, run.Settings.BatchSize);
        Assert.Equal(500, run.Settings.StepLogInterval);
        Assert.Equal(new Perceptor.Diagnostics.RunLog.TermValues(0.1, 0.9, 0.2, 0.05), run.Settings.LossWeights);
        Assert.Contains(run.Source.Notes, n => n.Contains("twice init_lr", StringComparison.Ordinal));
    }

    [Fact]
    public void Reads_the_seed_like_log_into_seventeen_epochs()
    {
        var run = Read(new ReferenceLog().ToString());

        Assert.Equal(17, run.Epochs.Count);
        Assert.Equal(17 * 22, run.Steps.Count);
        Assert.Equal(ReferenceLog.CollapsePesq, run.Epochs.Select(e => e.EvalPesq ?? 0));
        Assert.All(run.Steps, s => Assert.InRange(s.Position, s.Epoch, s.Epoch + 1));
    }

    [Fact]
    public void A_garbled_value_is_reported_by_line_and_the_rest_is_kept()
    {
        var lines = new ReferenceLog().Lines();
        lines[10] = "INFO:root:GPU: 0, Epoch 0, Step 500O, loss: 0.1x4, disc_loss: 0.003";
        var run = Read(string.Join("\n", lines));

        var problem = Assert.Single(run.Source.Problems);
        Assert.Equal(11, problem.Line);
        Assert.Contains("'loss' has '0.1x4', which is not a number", problem.Message, StringComparison.Ordinal);
        Assert.Equal(17, run.Epochs.Count);
        Assert.Contains(run.Steps, s => s.Line == 11 && s.GenLoss is null && s.DiscLoss == 0.003);
    }

    [Fact]
    public void A_log_cut_off_mid_line_says_so_and_keeps_what_came_before()
    {
        var lines = new ReferenceLog().Lines();
        lines.Add("INFO:root:GPU: 0, Epoch 17, Step 500, lo");
        var run = Read(string.Join("\n", lines));

        var problem = Assert.Single(run.Source.Problems);
        Assert.Equal(lines.Count, problem.Line);
        Assert.Contains("cut off", problem.Message, StringComparison.Ordinal);
        Assert.Equal(17, run.Epochs.Count);
    }

    [Theory]
    [InlineData("INFO:root:GPU: 0, Epoch three, Step 1500, loss: 0.15, disc_loss: 0.004", "no readable epoch number")]
    [InlineData("INFO:root:GPU: 0, Step 1500, loss: 0.15, disc_loss: 0.004", "no readable epoch number")]
    [InlineData("INFO:root:GPU: 0, Epoch 0, Step ###, loss: 0.15, disc_loss: 0.004", "no readable step number")]
    public void A_step_line_with_a_damaged_number_is_reported_not_read_as_a_test_line(string damaged, string message)
    {
        var lines = new ReferenceLog().Lines();
        lines[3] = damaged;
        var run = Read(string.Join("\n", lines));

        var problem = Assert.Single(run.Source.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal(17, run.Epochs.Count);
        Assert.Equal(ReferenceLog.CollapsePesq, run.Epochs.Select(e => e.EvalPesq ?? 0));
    }

    [Fact]
    public void A_step_line_cut_inside_the_log_is_reported()
    {
        var lines = new ReferenceLog().Lines();
        lines[40] = "INFO:root:GPU: 0, Epoch 1, Step 8500, loss: 0.15, disc_lo";
        var run = Read(string.Join("\n", lines));

        var problem = Assert.Single(run.Source.Problems);
        Assert.Equal(41, problem.Line);
        Assert.Contains("no disc_loss value", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_numbers_count_newlines_not_the_carriage_returns_of_a_redrawn_line()
    {
        var lines = new ReferenceLog().Lines();
        lines[2] = "loading data 10%\rloading data 50%\rloading data 100%";
        lines[40] = "INFO:root:GPU: 0, Epoch 1, Step 8500, loss: 0.1x5, disc_loss: 0.004";
        var run = Read(string.Join("\n", lines));

        var problem = Assert.Single(run.Source.Problems);
        Assert.Equal(41, problem.Line);
        Assert.Equal(lines.Count, run.Source.Lines);
    }

    [Fact]
    public void A_log_with_only_carriage_returns_as_line_ends_is_numbered_by_them()
    {
        var lines = new ReferenceLog().Lines();
        lines[40] = "INFO:root:GPU: 0, Epoch 1, Step 8500, loss: 0.1x5, disc_loss: 0.004";
        var run = Read(string.Join("\r", lines));

        Assert.Equal(41, Assert.Single(run.Source.Problems).Line);
        Assert.Equal(17, run.Epochs.Count);
    }

    [Fact]
    public void A_line_with_binary_garbage_is_reported_and_skipped()
    {
        var lines = new ReferenceLog().Lines();
        lines[5] = "INFO:root:GPU: 0, Ep\0\0\u0001ch 0, Step 2000";
        var run = Read(string.Join("\n", lines));

        var problem = Assert.Single(run.Source.Problems);
        Assert.Equal(6, problem.Line);
        Assert.Contains("unreadable characters", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_in_the_log_format_that_matches_nothing_is_reported()
    {
        var lines = new ReferenceLog().Lines();
        lines[20] = "INFO:root:GPU: 0, #### %%%% ????";
        var run = Read(string.Join("\n", lines));

        var problem = Assert.Single(run.Source.Problems);
        Assert.Equal(21, problem.Line);
        Assert.Contains("could not be read", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unrelated_lines_such_as_warnings_are_ignored_silently()
    {
        var run = Read("""
            /usr/lib/python3/site-packages/torch/functional.py:641: UserWarning: stft with return_complex=False is deprecated
            Epoch 0, Step 500, loss: 0.2, disc_loss: 0.01
            Traceback (most recent call last):
            Test Gen loss: 0.1, Disc loss: 0.004, PESQ: 2.5
            """);

        Assert.Empty(run.Source.Problems);
        Assert.Single(run.Epochs);
    }

    [Fact]
    public void Rounded_zeros_are_neither_skips_nor_updates()
    {
        var run = Read("""
            Epoch 0, Step 500, loss: 0.2000, disc_loss: 0.0000
            Epoch 0, Step 1000, loss: 0.1900, disc_loss: 0.0041
            """);

        Assert.Null(run.Steps[0].DiscSkipped);
        Assert.False(run.Steps[1].DiscSkipped);
        Assert.Contains(run.Source.Notes, n => n.Contains("rounded zero", StringComparison.Ordinal));
    }

    [Fact]
    public void A_restarted_log_keeps_the_later_run_for_repeated_epochs()
    {
        var run = Read("""
            Epoch 0, Step 500, loss: 0.2, disc_loss: 0.01
            Test Gen loss: 0.11, Disc loss: 0.004, PESQ: 2.5
            Epoch 1, Step 500, loss: 0.19, disc_loss: 0.01
            Test Gen loss: 0.10, Disc loss: 0.004, PESQ: 2.6
            Epoch 1, Step 500, loss: 0.18, disc_loss: 0.01
            Test Gen loss: 0.09, Disc loss: 0.004, PESQ: 2.7
            """);

        Assert.Equal([0, 1], run.Epochs.Select(e => e.Epoch));
        Assert.Equal(2.7, run.Epochs[1].EvalPesq);
        Assert.Equal(0.18, run.Epochs[1].TrainLoss);
        Assert.Contains(run.Source.Notes, n => n.Contains("start again", StringComparison.Ordinal));
    }

    [Fact]
    public void Reads_the_seed_analysis_diagnostic_lines()
    {
        var run = Read("""
            Epoch 8, Step 500, loss: 0.13, disc_loss: 0.004
            [SKIP] Epoch 8, discriminator skipped (PESQ=None)
            [DISC STATS] Trained: 45/50 (90.0%)
            [DISC CHECK] Epoch 8:
              Pred(clean, clean) should be ~1.0: 0.9876
              Pred(clean, enhanced): 0.6100
              Actual PESQ normalized: 0.4517
            Test Gen loss: 0.1, Disc loss: 0.004, PESQ: 2.58
            """);

        Assert.Empty(run.Source.Problems);
        Assert.Equal(new DiscTally(50, 5, null, run.DiscTally!.Basis), run.DiscTally);
        var c = Assert.Single(run.Calibration);
        Assert.Equal((8, 0.9876, 0.61, 0.4517), (c.Epoch, c.DCleanClean, c.DCleanEnhanced, c.PesqNorm!.Value));
        Assert.Equal(2.58, run.Epochs.Single().EvalPesq);
    }

    [Fact]
    public void A_log_with_nothing_recognisable_fails_with_a_clear_message()
    {
        var e = Assert.Throws<LogReadException>(() => Read("hello\nworld\n"));
        Assert.Contains("train.log", e.Message, StringComparison.Ordinal);
        Assert.Contains("no training or test lines", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_log_fails_with_a_clear_message()
    {
        var e = Assert.Throws<LogReadException>(() => Read("\n\n"));
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_of_other_gpus_are_left_out()
    {
        var run = Read("""
            INFO:root:GPU: 0, Epoch 0, Step 500, loss: 0.2, disc_loss: 0.01
            INFO:root:GPU: 1, Epoch 0, Step 500, loss: 0.3, disc_loss: 0.0
            INFO:root:GPU: 0, Epoch 0, Step 1000, loss: 0.19, disc_loss: 0.01
            INFO:root:GPU: 1, Epoch 0, Step 1000, loss: 0.29, disc_loss: 0.0
            INFO:root:GPU: 1, Test Gen loss: 0.2, Disc loss: 0.004, PESQ: 2.2
            INFO:root:GPU: 0, Test Gen loss: 0.11, Disc loss: 0.004, PESQ: 2.5
            """);

        Assert.Equal([0.2, 0.19], run.Steps.Select(s => s.GenLoss ?? 0));
        Assert.Equal(2.5, run.Epochs.Single().EvalPesq);
        Assert.Empty(run.Source.Problems);
        Assert.Contains(run.Source.Notes, n => n.Contains("GPU 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Rank_zero_is_used_even_when_another_rank_printed_first()
    {
        var run = Read("""
            INFO:root:GPU: 1, Epoch 0, Step 500, loss: 0.3, disc_loss: 0.0
            INFO:root:GPU: 0, Epoch 0, Step 500, loss: 0.2, disc_loss: 0.01
            INFO:root:GPU: 1, Epoch 0, Step 1000, loss: 0.29, disc_loss: 0.0
            INFO:root:GPU: 0, Epoch 0, Step 1000, loss: 0.19, disc_loss: 0.01
            INFO:root:GPU: 1, Test Gen loss: 0.2, Disc loss: 0.004, PESQ: 2.2
            INFO:root:GPU: 0, Test Gen loss: 0.11, Disc loss: 0.004, PESQ: 2.5
            """);

        Assert.Equal([0.2, 0.19], run.Steps.Select(s => s.GenLoss ?? 0));
        Assert.Equal(2.5, run.Epochs.Single().EvalPesq);
        Assert.Contains(run.Source.Notes, n => n.Contains("GPU 1 are left out", StringComparison.Ordinal));
    }

    [Fact]
    public void A_tensor_printed_as_a_value_is_read()
    {
        var run = Read("Epoch 0, Step 500, loss: tensor(0.2100, device='cuda:0'), disc_loss: tensor(0.0030, device='cuda:0')\n");
        Assert.Equal(0.21, run.Steps.Single().GenLoss);
        Assert.Equal(0.003, run.Steps.Single().DiscLoss);
    }

    [Fact]
    public void A_disc_loss_logged_as_none_is_a_skipped_step_not_a_damaged_line()
    {
        // A patched trainer that returns None when batch_pesq fails: 1 of every 5 logged steps.
        var lines = new List<string>();
        for (int e = 0; e < 4; e++)
        {
            for (int k = 1; k <= 5; k++)
            {
                lines.Add($"INFO:root:GPU: 0, Epoch {e}, Step {100 * k}, loss: 0.15, disc_loss: {(k == 2 ? "None" : "0.0093")}");
            }

            lines.Add("INFO:root:GPU: 0, Test Gen loss: 0.1, Disc loss: 0.004, PESQ: 2.5");
        }

        var d = Diagnose.Text(string.Join('\n', lines));

        Assert.Empty(d.Run.Source.Problems);
        Assert.Equal(4, d.Run.Steps.Count(s => s.DiscSkipped == true));
        Assert.Equal(0.2, d.Disc.SkipRate);
        Assert.Equal(SkipEvidence.Explicit, d.Run.Source.SkipEvidence);
        Assert.Equal(Severity.Warning, d.Find(FindingIds.DiscSkipping)!.Severity);
        Assert.Contains(d.Run.Source.Notes, n => n.Contains("disc_loss as None", StringComparison.Ordinal));
    }

    private static List<string> FourEpochs()
    {
        var lines = new List<string>();
        double[] pesq = [2.45, 2.57, 2.64, 2.60];
        for (int e = 0; e < 4; e++)
        {
            for (int k = 1; k <= 3; k++)
            {
                lines.Add($"INFO:root:GPU: 0, Epoch {e}, Step {500 * k}, loss: 0.15, disc_loss: 0.0093");
            }

            lines.Add($"INFO:root:GPU: 0, Test Gen loss: 0.11{e}, Disc loss: 0.004, PESQ: {pesq[e]}");
        }

        return lines;
    }

    [Fact]
    public void A_cut_test_line_followed_by_the_whole_one_does_not_shift_the_epochs()
    {
        var lines = FourEpochs();
        lines.Insert(7, "INFO:root:GPU: 0, Test Gen loss: 0.1");   // line 8, a cut write before epoch 1's test line

        var run = Read(string.Join('\n', lines));

        Assert.Equal([0, 1, 2, 3], run.Epochs.Select(e => e.Epoch));
        Assert.Equal([2.45, 2.57, 2.64, 2.60], run.Epochs.Select(e => e.EvalPesq!.Value));
        Assert.Equal(0.111, run.Epochs[1].EvalLoss);
        Assert.DoesNotContain(run.Source.Notes, n => n.Contains("start again", StringComparison.Ordinal));
        var problem = Assert.Single(run.Source.Problems);
        Assert.Equal(8, problem.Line);
        Assert.Contains("cut off", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_last_test_line_cut_before_its_pesq_is_named_as_cut_off()
    {
        var lines = FourEpochs();
        lines[^1] = "INFO:root:GPU: 0, Test Gen loss: 0.113, Disc loss: 0.004, PES";

        var run = Read(string.Join('\n', lines));

        Assert.Null(run.Epochs.Single(e => e.Epoch == 3).EvalPesq);
        var problem = Assert.Single(run.Source.Problems);
        Assert.Equal(16, problem.Line);
        Assert.Contains("without PESQ", problem.Message, StringComparison.Ordinal);
        Assert.Contains("cut off", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Steps_logged_at_1_501_1001_are_a_sample_one_in_500_not_every_step()
    {
        // A trainer that logs when idx % 500 == 0 but prints step = idx + 1.
        var lines = new List<string>();
        for (int e = 0; e < 3; e++)
        {
            for (int step = 1; step <= 2001; step += 500)
            {
                lines.Add($"INFO:root:GPU: 0, Epoch {e}, Step {step}, loss: 0.15, disc_loss: {(step == 501 ? "0.0" : "0.0093")}");
            }

            lines.Add("INFO:root:GPU: 0, Test Gen loss: 0.1, Disc loss: 0.004, PESQ: 2.5");
        }

        var d = Diagnose.Text(string.Join('\n', lines));

        Assert.Equal(500, d.Run.Settings.StepLogInterval);
        Assert.Equal(SkipRateBasis.Sample, d.Disc.SkipBasis);
        Assert.Equal(0.2, d.Disc.SkipRate);
        Assert.True(d.Disc.SkipUpper > 0.2);
    }
}
