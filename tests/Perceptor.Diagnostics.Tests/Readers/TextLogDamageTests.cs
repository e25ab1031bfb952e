using Perceptor.Diagnostics.Readers;
using Perceptor.Diagnostics.Runs;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Readers;

// A damaged line is named for what it lacks; only a line that stops where its missing part would be is "cut off". A
// garbled step or epoch number does not pass for a restart (which would throw away the good lines before it): where
// the next step line goes on from the one before, the odd number is garbled.
public class TextLogDamageTests
{
    // The reference log: line 1 the argument dump, then per epoch 22 step lines (steps 500..11000) and a test line.
    private const int StepsPerEpoch = 22;

    private static RunData Read(IEnumerable<string> lines) => CmganTextLogReader.Read(new StringReader(string.Join("\n", lines)), "train.log");

    private static int StepIndex(int epoch, int k) => 1 + (epoch * (StepsPerEpoch + 1)) + k;

    [Fact]
    public void A_last_line_without_its_epoch_is_named_as_missing_the_epoch_not_as_cut_off()
    {
        var lines = new ReferenceLog().Lines();
        lines.Add("INFO:root:GPU: 0, Step 500, loss: 0.15, disc_loss: 0.004");

        var problem = Assert.Single(Read(lines).Source.Problems);

        Assert.Equal(lines.Count, problem.Line);
        Assert.Contains("no readable epoch number", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("cut off", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_last_line_that_stops_at_its_step_word_is_still_cut_off()
    {
        var lines = new ReferenceLog().Lines();
        lines.Add("INFO:root:GPU: 0, loss: 0.15, disc_loss: 0.004, Epoch 17, Step");

        var problem = Assert.Single(Read(lines).Source.Problems);

        Assert.Contains("no readable step number", problem.Message, StringComparison.Ordinal);
        Assert.Contains("cut off", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_last_step_line_without_the_generator_loss_is_named_as_missing_it_not_as_cut_off()
    {
        var lines = new ReferenceLog().Lines();
        lines.Add("INFO:root:GPU: 0, Epoch 17, Step 500, disc_loss: 0.004");

        var problem = Assert.Single(Read(lines).Source.Problems);

        Assert.Equal(lines.Count, problem.Line);
        Assert.Contains("no loss value", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("cut off", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_last_test_line_without_its_loss_but_with_its_pesq_is_not_cut_off()
    {
        var lines = new ReferenceLog().Lines();
        lines[^1] = "INFO:root:GPU: 0, Test Disc loss: 0.004, PESQ: 2.15";

        var run = Read(lines);

        var problem = Assert.Single(run.Source.Problems);
        Assert.Equal(lines.Count, problem.Line);
        Assert.Contains("without loss", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("cut off", problem.Message, StringComparison.Ordinal);
        Assert.Equal(2.15, run.Epochs[^1].EvalPesq);
    }

    [Fact]
    public void A_garbled_step_number_going_back_is_no_restart_and_its_losses_are_kept()
    {
        var lines = new ReferenceLog().Lines();
        int garbled = StepIndex(3, 8);   // epoch 3, step 4500, between steps 4000 and 5000
        lines[garbled] = lines[garbled].Replace("Step 4500,", "Step 45,", StringComparison.Ordinal);

        var run = Read(lines);

        Assert.Empty(run.Source.Problems);
        Assert.DoesNotContain(run.Source.Notes, n => n.Contains("start again", StringComparison.Ordinal));
        Assert.Contains(run.Source.Notes, n => n.Contains($"Line {garbled + 1} says epoch 3, step 45", StringComparison.Ordinal) &&
            n.Contains("garbled", StringComparison.Ordinal));
        Assert.Equal(17 * StepsPerEpoch, run.Steps.Count);
        var kept = Assert.Single(run.Steps, s => s.Line == garbled + 1);
        Assert.Equal(3, kept.Epoch);
        Assert.Null(kept.StepInEpoch);
        Assert.Equal(500, run.Settings.StepLogInterval);
        Assert.Equal(ReferenceLog.CollapsePesq, run.Epochs.Select(e => e.EvalPesq ?? 0));
    }

    [Fact]
    public void A_garbled_epoch_number_going_back_does_not_discard_the_epochs_between()
    {
        var lines = new ReferenceLog().Lines();
        int garbled = StepIndex(9, 4);
        lines[garbled] = lines[garbled].Replace("Epoch 9,", "Epoch 1,", StringComparison.Ordinal);

        var run = Read(lines);

        Assert.Empty(run.Source.Problems);
        Assert.DoesNotContain(run.Source.Notes, n => n.Contains("start again", StringComparison.Ordinal));
        Assert.Equal(17, run.Epochs.Count);
        Assert.Equal(17 * StepsPerEpoch, run.Steps.Count);
        Assert.Equal(9, Assert.Single(run.Steps, s => s.Line == garbled + 1).Epoch);
        Assert.Equal(ReferenceLog.CollapsePesq, run.Epochs.Select(e => e.EvalPesq ?? 0));
    }

    [Fact]
    public void A_step_number_too_long_to_read_is_a_damaged_line_and_the_next_line_is_no_restart()
    {
        var lines = new ReferenceLog().Lines();
        int garbled = StepIndex(2, 5);
        lines[garbled] = lines[garbled].Replace("Step 3000,", "Step 30000000000000,", StringComparison.Ordinal);

        var run = Read(lines);

        var problem = Assert.Single(run.Source.Problems);
        Assert.Equal(garbled + 1, problem.Line);
        Assert.Contains("no readable step number", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Source.Notes, n => n.Contains("start again", StringComparison.Ordinal));
        Assert.Equal(StepsPerEpoch - 1, run.Steps.Count(s => s.Epoch == 2));
    }

    [Fact]
    public void A_resume_that_goes_on_from_its_own_steps_is_still_a_restart()
    {
        var run = Read([
            "Epoch 0, Step 500, loss: 0.2, disc_loss: 0.01",
            "Epoch 0, Step 1000, loss: 0.2, disc_loss: 0.01",
            "Epoch 0, Step 1500, loss: 0.2, disc_loss: 0.01",
            "Epoch 0, Step 500, loss: 0.3, disc_loss: 0.02",
            "Epoch 0, Step 1000, loss: 0.3, disc_loss: 0.02",
            "Test Gen loss: 0.11, Disc loss: 0.004, PESQ: 2.5",
        ]);

        Assert.Contains(run.Source.Notes, n => n.Contains("start again", StringComparison.Ordinal));
        Assert.Equal([4, 5], run.Steps.Select(s => s.Line ?? 0));
        Assert.Empty(run.Source.Problems);
    }
}
