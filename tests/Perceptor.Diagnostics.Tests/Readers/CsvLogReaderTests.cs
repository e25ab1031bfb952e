using Perceptor.Diagnostics.Readers;
using Perceptor.Diagnostics.Runs;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Readers;

public class CsvLogReaderTests
{
    private static RunData Read(string text) => CsvLogReader.Read(new StringReader(text), "log.csv");

    [Fact]
    public void Reads_an_epoch_average_csv_and_says_which_columns_it_used()
    {
        var run = Read(EpochCsv.Collapse());

        Assert.Equal(17, run.Epochs.Count);
        Assert.Empty(run.Steps);
        var e2 = run.Epochs[2];
        Assert.Equal(2.64, e2.EvalPesq);
        Assert.Equal(ReferenceLog.TrainLoss(2), e2.TrainLoss);
        Assert.Equal(0.0064, e2.TrainDiscLoss);
        Assert.Equal(ReferenceLog.TestLoss(2), e2.EvalLoss);
        Assert.Equal(5e-4, e2.LrGen);
        Assert.Equal(1e-3, e2.LrDisc);
        Assert.Equal(SkipEvidence.None, run.Source.SkipEvidence);
        Assert.Equal("train_gen_loss_avg", run.Source.ColumnsUsed["train_loss"]);
        Assert.Equal("test_pesq", run.Source.ColumnsUsed["eval_pesq"]);
        Assert.Equal("lr_disc", run.Source.ColumnsUsed["lr_disc"]);
        Assert.Equal(8, run.Source.ColumnsUsed.Count);
        Assert.Empty(run.Source.ColumnsIgnored);
    }

    [Theory]
    [InlineData("Epoch;TrainGenLoss;TrainDiscLoss;ValLoss;ValDiscLoss;Val-PESQ;LR_G;LR_D", ';')]
    [InlineData("epoch\ttrain loss\td_loss\tvalidation loss\tval_d_loss\tpesq_wb\tgen_lr\tdisc_lr", '\t')]
    [InlineData("EPOCH,Train_Generator_Loss_Mean,Train_Discriminator_Loss_Mean,Eval_Gen_Loss,Eval_Disc_Loss,Eval_PESQ,lr_generator,lr_discriminator", ',')]
    public void Matches_column_names_loosely(string header, char separator)
    {
        var run = Read(EpochCsv.Collapse(header.Replace(separator, ','), separator));

        Assert.Equal(8, run.Source.ColumnsUsed.Count);
        Assert.Equal(2.64, run.Epochs[2].EvalPesq);
        Assert.Equal(ReferenceLog.TestLoss(5), run.Epochs[5].EvalLoss);
        Assert.Equal(0.0048, run.Epochs[9].TrainDiscLoss);
        Assert.Equal(1e-3, run.Epochs[0].LrDisc);
    }

    [Fact]
    public void Decimal_commas_of_a_semicolon_csv_are_read_as_numbers()
    {
        // A spreadsheet export in a locale whose decimal mark is the comma: the separator becomes the semicolon.
        var d = Diagnose.Csv("""
            epoch;train_gen_loss_avg;train_disc_loss_avg;test_pesq
            0;0,162;0,0136;2,45
            1;0,157;0,0098;2,57
            2;0,152;0,0064;2,64
            3;0,147;0,0055;2,58
            4;0,142;0,0050;2,30
            5;0,138;0,0049;2,25
            """);

        Assert.Empty(d.Run.Source.Problems);
        Assert.Equal(2.64, d.Run.Epochs[2].EvalPesq);
        Assert.Equal(0.0064, d.Run.Epochs[2].TrainDiscLoss);
        Assert.Equal(0.138, d.Run.Epochs[5].TrainLoss);
        Assert.Equal((true, 2, 4), (d.Collapse.Detected, d.Collapse.PeakEpoch, d.Collapse.OnsetEpoch));
        Assert.Contains(d.Run.Source.Notes, n => n.Contains("decimal comma", StringComparison.Ordinal));
    }

    [Fact]
    public void A_decimal_comma_zero_in_a_tab_separated_step_csv_is_still_a_skip()
    {
        var run = Read("epoch\tstep\tgen_loss\tdisc_loss\n0\t500\t0,2\t0,0123\n0\t1000\t0,19\t0,0\n1\t500\t0,18\t0,0117\n");

        Assert.Empty(run.Source.Problems);
        Assert.Equal([false, true, false], run.Steps.Select(s => s.DiscSkipped ?? false));
        Assert.Equal(0.0123, run.Steps[0].DiscLoss);
    }

    [Fact]
    public void In_a_comma_separated_csv_a_comma_is_never_a_decimal_mark()
    {
        // "0,5" here is two cells, so the row has one field too many.
        var run = Read("epoch,train_gen_loss_avg,test_pesq\n0,0.2,2.5\n1,0,5,2.6\n");

        Assert.Single(run.Epochs);
        Assert.Contains(run.Source.Problems, p => p.Line == 3);
    }

    [Fact]
    public void A_header_repeated_by_an_appended_run_is_a_note_not_five_damaged_cells()
    {
        var run = Read("""
            epoch,train_gen_loss_avg,test_pesq
            0,0.2,2.50
            1,0.19,2.55
            epoch,train_gen_loss_avg,test_pesq
            1,0.19,2.56
            2,0.18,2.60
            """);

        Assert.Empty(run.Source.Problems);
        Assert.Contains(run.Source.Notes, n => n.Contains("header row is repeated at line 4", StringComparison.Ordinal));
        Assert.Equal([0, 1, 2], run.Epochs.Select(e => e.Epoch));
        Assert.Equal(2.56, run.Epochs[1].EvalPesq);
    }

    [Fact]
    public void Reads_a_per_step_csv_and_treats_exact_zeros_as_skips()
    {
        var run = Read("""
            epoch,step,gen_loss,disc_loss
            0,500,0.2,0.01
            0,1000,0.19,0.0
            0,1500,0.18,2e-05
            1,500,0.17,0.0
            """);

        Assert.Equal(4, run.Steps.Count);
        Assert.Equal([false, true, false, true], run.Steps.Select(s => s.DiscSkipped ?? false));
        Assert.Equal(SkipEvidence.ExactZero, run.Source.SkipEvidence);
        Assert.Equal(500, run.Settings.StepLogInterval);
        Assert.Equal(2, run.Epochs.Count);
        Assert.Equal((0.2 + 0.19 + 0.18) / 3, run.Epochs[0].TrainLoss!.Value, 12);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_reported_and_skipped()
    {
        string csv = EpochCsv.Collapse();
        var lines = csv.TrimEnd('\n').Split('\n').ToList();
        lines[4] = "3,0.15,0.005";
        var run = Read(string.Join("\n", lines));

        var problem = Assert.Single(run.Source.Problems);
        Assert.Equal(5, problem.Line);
        Assert.Contains("3 fields where the header has 8", problem.Message, StringComparison.Ordinal);
        Assert.Equal(16, run.Epochs.Count);
        Assert.DoesNotContain(run.Epochs, e => e.Epoch == 3);
    }

    [Fact]
    public void A_cell_that_is_not_a_number_is_left_out_and_the_row_kept()
    {
        string csv = EpochCsv.Collapse();
        var lines = csv.TrimEnd('\n').Split('\n').ToList();
        var cells = lines[6].Split(',');
        cells[5] = "2.5x";
        lines[6] = string.Join(',', cells);
        var run = Read(string.Join("\n", lines));

        var problem = Assert.Single(run.Source.Problems);
        Assert.Equal(7, problem.Line);
        Assert.Contains("column 'test_pesq' has '2.5x'", problem.Message, StringComparison.Ordinal);
        var e5 = run.Epochs.Single(e => e.Epoch == 5);
        Assert.Null(e5.EvalPesq);
        Assert.NotNull(e5.TrainLoss);
    }

    [Fact]
    public void A_truncated_last_row_says_the_file_looks_cut_off()
    {
        string csv = EpochCsv.Collapse() + "17,0.12";
        var run = Read(csv);

        var problem = Assert.Single(run.Source.Problems);
        Assert.Equal(19, problem.Line);
        Assert.Contains("cut off", problem.Message, StringComparison.Ordinal);
        Assert.Equal(17, run.Epochs.Count);
    }

    [Fact]
    public void Missing_values_are_null_not_zero()
    {
        var run = Read("""
            epoch,train_loss,test_pesq
            0,0.2,
            1,0.19,NaN
            2,0.18,None
            """);

        Assert.Null(run.Epochs[0].EvalPesq);
        Assert.True(double.IsNaN(run.Epochs[1].EvalPesq!.Value));
        Assert.Null(run.Epochs[2].EvalPesq);
        Assert.Empty(run.Source.Problems);
    }

    [Fact]
    public void Unknown_columns_are_listed_as_ignored()
    {
        var run = Read("""
            epoch,train_loss,test_pesq,stoi,wall_time
            0,0.2,2.5,0.9,100
            """);

        Assert.Equal(["stoi", "wall_time"], run.Source.ColumnsIgnored);
    }

    [Fact]
    public void Steps_without_an_epoch_column_go_to_one_epoch_and_say_so()
    {
        var run = Read("global_step,loss,disc_loss\n100,0.2,0.01\n200,0.19,0.0\n300,0.18,0.004\n");

        Assert.Equal(3, run.Steps.Count);
        Assert.All(run.Steps, s => Assert.Equal(0, s.Epoch));
        Assert.Contains(run.Source.Problems, p => p.Message.Contains("no epoch column", StringComparison.Ordinal));
    }

    [Fact]
    public void A_csv_without_a_header_fails_with_a_clear_message()
    {
        var e = Assert.Throws<LogReadException>(() => Read("0,0.2,2.5\n1,0.19,2.6\n"));
        Assert.Contains("header", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_without_an_epoch_column_fails_with_a_clear_message()
    {
        var e = Assert.Throws<LogReadException>(() => Read("train_loss,test_pesq\n0.2,2.5\n"));
        Assert.Contains("no epoch or step column", e.Message, StringComparison.Ordinal);
    }
}
