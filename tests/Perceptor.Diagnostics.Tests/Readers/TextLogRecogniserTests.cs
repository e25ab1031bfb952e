using Perceptor.Diagnostics.Readers;

namespace Perceptor.Diagnostics.Tests.Readers;

// Each line is recognised on its own, before any line is related to another: these need no log around them.
public class TextLogRecogniserTests
{
    [Fact]
    public void A_step_line_gives_its_epoch_step_gpu_and_values()
    {
        var e = Assert.IsType<StepLine>(TextLogRecognisers.RecogniseLine(7, "INFO:root:GPU: 1, Epoch 3, Step 500, loss: 0.14, disc_loss: 0.0012"));

        Assert.Equal((7, 1, 3, 500), (e.Line, e.Gpu!.Value, e.Epoch, e.Step));
        Assert.Equal([0.14, 0.0012], e.Fields.Select(f => f.Value!.Value));
    }

    [Theory]
    [InlineData("Step 500, loss: 0.14, disc_loss: 0.0012", "epoch", false)]
    [InlineData("Epoch 3, Step ###, loss: 0.14, disc_loss: 0.0012", "step", false)]
    [InlineData("loss: 0.14, disc_loss: 0.0012, Epoch 3, Step", "step", true)]
    [InlineData("Epoch 3, Step 99999999999, loss: 0.14, disc_loss: 0.0012", "step", false)]
    public void A_step_line_without_a_readable_number_says_which_and_whether_the_line_ends_there(string line, string missing, bool trailing)
    {
        var e = Assert.IsType<DamagedStepLine>(TextLogRecognisers.RecogniseLine(1, line));

        Assert.Equal((missing, trailing), (e.Missing, e.Trailing));
    }

    [Fact]
    public void A_test_line_has_no_epoch_unless_it_names_one()
    {
        var plain = Assert.IsType<TestLine>(TextLogRecognisers.RecogniseLine(1, "Test Gen loss: 0.11, Disc loss: 0.004, PESQ: 2.57"));
        var named = Assert.IsType<TestLine>(TextLogRecognisers.RecogniseLine(1, "Epoch 4 Test Gen loss: 0.11, PESQ: 2.57"));

        Assert.Null(plain.Epoch);
        Assert.Equal(3, plain.Fields.Count);
        Assert.Equal(4, named.Epoch);
    }

    [Fact]
    public void The_argument_dump_gives_the_settings_it_names()
    {
        var e = Assert.IsType<ConfigLine>(TextLogRecognisers.RecogniseLine(1,
            "Namespace(epochs=120, batch_size=4, log_interval=500, init_lr=0.0005, loss_weights=[0.1, 0.9, 0.2, 0.05])"));

        Assert.Equal((0.0005, 4, 500), (e.GenLr!.Value, e.BatchSize!.Value, e.LogInterval!.Value));
        Assert.Null(e.DiscLr);
        Assert.Equal(0.05, e.LossWeights!.Gan);
    }

    [Fact]
    public void Diagnostic_counters_and_calibration_lines_are_their_own_events()
    {
        Assert.Equal((12L, 40L), TextLogRecognisers.RecogniseLine(1, "[DISC STATS] Trained: 12/40") is DiscStatsLine s ? (s.Trained, s.Total) : default);
        Assert.IsType<SkipMarkLine>(TextLogRecognisers.RecogniseLine(1, "[SKIP] PESQ failed for batch 17"));
        Assert.Equal(5, Assert.IsType<CalibrationStart>(TextLogRecognisers.RecogniseLine(1, "[DISC CHECK] Epoch 5")).Epoch);
        var value = Assert.IsType<CalibrationValue>(TextLogRecognisers.RecogniseLine(1, "  Pred(clean, enhanced): 0.61"));
        Assert.Equal((CalibrationSlot.CleanEnhanced, "0.61"), (value.Slot, value.Raw));
        Assert.IsType<OtherLine>(value.Otherwise);
    }

    [Fact]
    public void A_line_of_bar_redraws_gives_one_event_per_redraw_and_the_line_printed_after_the_bar()
    {
        string line = "Epoch 0:  10%|#         | 1/10 [00:01<00:09,  1.00it/s, gen_loss=0.5, disc_loss=0.1]\r" +
            "Epoch 0:  20%|##        | 2/10 [00:02<00:08,  1.00it/s, gen_loss=0.4, disc_loss=0.1]Test Gen loss: 0.3, PESQ: 2.1";

        var events = TextLogRecognisers.Recognise([line], out int last, out bool stepLines);

        Assert.Equal(1, last);
        Assert.False(stepLines);
        Assert.Equal(2, events.Count);
        var second = Assert.IsType<BarRedraw>(events[1]);
        Assert.Equal((long?)2, second.Update.Counter);
        Assert.IsType<TestLine>(second.Rest);
    }
}
