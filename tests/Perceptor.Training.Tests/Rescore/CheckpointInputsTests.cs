using Perceptor.Training.Rescore;
using Perceptor.Training.Tests.Fakes;

namespace Perceptor.Training.Tests.Rescore;

public class CheckpointInputsTests
{
    // A PyTorch zip file by its first bytes, different per name, is enough for finding checkpoints (nothing loads them here).
    private static string Fake(string dir, string name)
    {
        string path = Path.Combine(dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [0x50, 0x4B, 0x03, 0x04, .. System.Text.Encoding.UTF8.GetBytes(name)]);
        return path;
    }

    [Fact]
    public void A_quoted_pattern_is_expanded_in_natural_order_and_names_give_the_epochs()
    {
        string dir = TestRuns.TempDir();
        Fake(dir, "CMGAN_epoch_10_0.101");
        Fake(dir, "CMGAN_epoch_2_0.120");
        Fake(dir, "CMGAN_epoch_9_0.105");
        File.WriteAllText(Path.Combine(dir, "CMGAN_epoch_notes.txt"), "not a checkpoint");

        var found = CheckpointInputs.Resolve([Path.Combine(dir, "CMGAN_epoch_*")]);

        Assert.Equal(["CMGAN_epoch_2_0.120", "CMGAN_epoch_9_0.105", "CMGAN_epoch_10_0.101"], found.Select(c => Path.GetFileName(c.Path)));
        Assert.Equal([2, 9, 10], found.Select(c => c.Epoch));
        Assert.All(found, c => Assert.Equal(EpochBasis.Name, c.Basis));
    }

    [Fact]
    public void Checkpoints_without_an_epoch_in_their_names_take_the_order_given()
    {
        string dir = TestRuns.TempDir();
        string b = Fake(dir, "b.pt");
        string a = Fake(dir, "a.pt");

        var found = CheckpointInputs.Resolve([b, a]);

        Assert.Equal([b, a], found.Select(c => c.Path));
        Assert.Equal([1, 2], found.Select(c => c.Epoch));
        Assert.All(found, c => Assert.Equal(EpochBasis.Order, c.Basis));
        Assert.Equal("order given: 2 of 2", found[1].BasisDetail);
    }

    [Fact]
    public void A_run_folder_gives_its_checkpoints_folder_and_copies_of_one_file_are_scored_once()
    {
        string run = TestRuns.TempDir();
        File.WriteAllText(Path.Combine(run, "metrics.jsonl"), "");
        string epoch3 = Fake(run, "checkpoints/epoch_3.pt");
        Fake(run, "checkpoints/ep5.pt");
        File.Copy(epoch3, Path.Combine(run, "checkpoints", "epoch_3_copy.pt"));
        var notes = new List<string>();

        var found = CheckpointInputs.Resolve([run, Path.Combine(run, "**", "ep5.pt")], notes.Add);

        Assert.Equal([3, 5], found.Select(c => c.Epoch).Order());
        Assert.Contains(notes, n => n.Contains("epoch_3_copy.pt", StringComparison.Ordinal) && n.Contains("scored once", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("missing.pt", "no such file or folder")]
    [InlineData("notes.txt", "not a Perceptor checkpoint, a PyTorch zip file")]
    [InlineData("nothing_*.pt", "the pattern matches no file")]
    [InlineData("empty", "no checkpoint file in this folder")]
    public void An_input_that_names_no_checkpoint_is_refused_with_its_path(string input, string problem)
    {
        string dir = TestRuns.TempDir();
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "text");
        Directory.CreateDirectory(Path.Combine(dir, "empty"));

        var e = Assert.Throws<RescoreInputException>(() => CheckpointInputs.Resolve([Path.Combine(dir, input)]));

        Assert.StartsWith(Path.Combine(dir, input), e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_out_the_results_go_into_the_folder_given_or_beside_the_first_checkpoint()
    {
        string run = TestRuns.TempDir();
        string pt = Fake(run, "checkpoints/epoch_3.pt");

        Assert.Equal(Path.Combine(run, "rescore"), RescoreRunner.DefaultOutput([run], CheckpointInputs.Resolve([run])));
        Assert.Equal(Path.Combine(run, "checkpoints", "rescore"), RescoreRunner.DefaultOutput([pt], CheckpointInputs.Resolve([pt])));
    }
}
