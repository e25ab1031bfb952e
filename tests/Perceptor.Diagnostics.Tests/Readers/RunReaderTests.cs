using Perceptor.Diagnostics.Readers;
using Perceptor.Diagnostics.Runs;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Readers;

public class RunReaderTests
{
    [Fact]
    public void Recognises_each_kind_from_its_content_whatever_the_file_is_called()
    {
        using var dir = new TempDirectory();
        string text = dir.File("a.dat", new ReferenceLog().ToString());
        string csv = dir.File("b.log", EpochCsv.Collapse());
        string folder = Path.Combine(dir.Path, "run");
        string jsonl = new PerceptorRun().Write(folder);
        string renamed = Path.Combine(dir.Path, "c.txt");
        File.Copy(jsonl, renamed);

        Assert.Equal(LogKind.Text, RunReader.Detect(text));
        Assert.Equal(LogKind.Csv, RunReader.Detect(csv));
        Assert.Equal(LogKind.Run, RunReader.Detect(folder));
        Assert.Equal(LogKind.Jsonl, RunReader.Detect(renamed));
    }

    [Fact]
    public void A_pandas_csv_with_its_index_column_is_recognised()
    {
        using var dir = new TempDirectory();
        string csv = dir.File("log.txt", "Unnamed: 0,epoch,train_loss,test_pesq\n0,0,0.2,2.5\n1,1,0.19,2.6\n");
        Assert.Equal(LogKind.Csv, RunReader.Detect(csv));
        var run = RunReader.Read(csv);
        Assert.Equal(["Unnamed: 0"], run.Source.ColumnsIgnored);
    }

    [Fact]
    public void A_forced_kind_wins_over_recognition()
    {
        using var dir = new TempDirectory();
        string csv = dir.File("b.csv", EpochCsv.Collapse());
        Assert.Throws<LogReadException>(() => RunReader.Read(csv, LogKind.Text));
        Assert.Equal(LogKind.Csv, RunReader.Read(csv).Source.Kind);
    }

    [Fact]
    public void A_missing_file_is_a_clear_error()
    {
        var e = Assert.Throws<LogReadException>(() => RunReader.Read("/nonexistent/train.log"));
        Assert.Contains("/nonexistent/train.log", e.Message, StringComparison.Ordinal);
        Assert.Contains("not found", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    public void A_utf16_log_with_its_byte_order_mark_is_text_not_binary(string encoding)
    {
        // Windows PowerShell 5 redirects a program's output to a UTF-16 file with a byte order mark.
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "train.log");
        var enc = System.Text.Encoding.GetEncoding(encoding);
        File.WriteAllBytes(path, [.. enc.GetPreamble(), .. enc.GetBytes(new ReferenceLog().ToString().Replace("\n", "\r\n", StringComparison.Ordinal))]);

        Assert.Equal(LogKind.Text, RunReader.Detect(path));
        var run = RunReader.Read(path);
        Assert.Empty(run.Source.Problems);
        Assert.Equal(2.64, run.Epochs.Single(e => e.Epoch == 2).EvalPesq);
    }

    [Fact]
    public void A_binary_file_is_a_clear_error()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "ckpt.pt");
        File.WriteAllBytes(path, new byte[2048]);
        var e = Assert.Throws<LogReadException>(() => RunReader.Read(path));
        Assert.Contains("binary", e.Message, StringComparison.Ordinal);
    }
}
