using Perceptor.Diagnostics.Readers;
using Perceptor.Diagnostics.RunLog;
using Perceptor.Diagnostics.Runs;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Readers;

public class PerceptorRunReaderTests
{
    [Fact]
    public void Reads_a_run_folder_with_exact_accounting()
    {
        using var dir = new TempDirectory();
        string folder = Path.Combine(dir.Path, "run1");
        new PerceptorRun { SkipEvery = 4, TinyEvery = 3 }.Write(folder);

        var run = PerceptorRunReader.Read(folder);

        Assert.Equal(LogKind.Run, run.Source.Kind);
        Assert.Equal(SkipEvidence.Explicit, run.Source.SkipEvidence);
        Assert.Equal(EvalComparability.Comparable, run.Source.EvalComparability);
        Assert.Equal(7, run.Epochs.Count);
        Assert.Equal(7 * 40, run.Steps.Count);
        Assert.Equal(1, run.Settings.StepLogInterval);
        Assert.Equal("skip-batch", run.Settings.PesqFailurePolicy);
        Assert.Equal(4, run.Settings.BatchSize);
        // 40 batches, every 4th skipped: 10 per epoch.
        Assert.Equal(new DiscTally(280, 70, run.DiscTally!.Saturated, run.DiscTally.Basis), run.DiscTally);
        Assert.All(run.Steps.Where(s => s.DiscSkipped == true), s => Assert.Null(s.DiscLoss));
        Assert.Equal(7, run.Calibration.Count);
        Assert.Equal(28, run.GradShares.Count);
        Assert.Equal(10, run.Epochs[0].ClipFailures!["no_utterances"]);
        Assert.Equal("full-utterance", run.Epochs[0].EvalMethod);
    }

    [Fact]
    public void A_garbled_line_is_reported_by_number_and_the_rest_read()
    {
        using var dir = new TempDirectory();
        string file = new PerceptorRun().Write(Path.Combine(dir.Path, "run"));
        var lines = File.ReadAllLines(file).ToList();
        lines.Insert(3, "{\"type\":\"step\",\"epoch\":0,\"step\":\"oops");
        File.WriteAllLines(file, lines);

        var run = PerceptorRunReader.Read(file);

        var problem = Assert.Single(run.Source.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Equal(7, run.Epochs.Count);
    }

    [Fact]
    public void A_run_still_in_its_first_epoch_counts_skips_from_every_step()
    {
        using var dir = new TempDirectory();
        string file = new PerceptorRun { Pesq = [2.3], SkipEvery = 2, Finished = false }.Write(Path.Combine(dir.Path, "run"));

        var run = PerceptorRunReader.Read(file);

        Assert.DoesNotContain(run.Epochs, e => e.Batches is not null);
        Assert.Equal(new DiscTally(40, 20, run.DiscTally!.Saturated, run.DiscTally.Basis), run.DiscTally);
        Assert.Contains(run.Source.Notes, n => n.Contains("run_end", StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_without_metrics_is_a_clear_error()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<LogReadException>(() => PerceptorRunReader.Read(dir.Path));
        Assert.Contains("no metrics.jsonl", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_eval_method_that_changes_makes_epochs_not_comparable()
    {
        using var dir = new TempDirectory();
        string file = Path.Combine(dir.Path, "metrics.jsonl");
        using (var w = new RunLogWriter(file))
        {
            w.Write(new EvalRecord { Epoch = 0, Method = "full-utterance", Pesq = 2.5 });
            w.Write(new EvalRecord { Epoch = 1, Method = "fixed-crops", Pesq = 2.6 });
        }

        var run = PerceptorRunReader.Read(file);
        Assert.Equal(EvalComparability.NotComparable, run.Source.EvalComparability);
    }

    [Theory]
    [InlineData(false, "The run was resumed once, at epoch 3; no epoch was run twice.")]
    [InlineData(true, "The run was resumed once, at epoch 3; epoch 2 ran again and is represented by its last records.")]
    public void A_resume_note_says_where_it_resumed_and_whether_an_epoch_ran_twice(bool repeatEpoch2, string note)
    {
        using var dir = new TempDirectory();
        string file = new PerceptorRun().Write(Path.Combine(dir.Path, "run"));
        var lines = File.ReadAllLines(file).ToList();
        var resume = System.Text.Json.Nodes.JsonNode.Parse(lines[0])!.AsObject();
        resume["resumed"] = true;
        resume["epoch"] = 3;
        int at = lines.FindIndex(l => l.Contains("\"type\":\"step\"", StringComparison.Ordinal) && l.Contains("\"epoch\":3,", StringComparison.Ordinal));
        var insert = new List<string> { resume.ToJsonString() };
        if (repeatEpoch2)
        {
            insert.Add(lines.Last(l => l.Contains("\"type\":\"epoch\"", StringComparison.Ordinal) && l.Contains("\"epoch\":2,", StringComparison.Ordinal)));
        }

        lines.InsertRange(at, insert);
        File.WriteAllLines(file, lines);

        var run = PerceptorRunReader.Read(file);

        Assert.Empty(run.Source.Problems);
        Assert.Contains(note, run.Source.Notes);
    }
}
