using Perceptor.Audio;
using Perceptor.Training.Data;
using Perceptor.Training.Tests.Fakes;

namespace Perceptor.Training.Tests.Data;

public class PairScanTests
{
    private static void Wav(string path, int rate, float[] samples) => WavFile.Write(path, new AudioSignal(samples, rate));

    private static string Layout(params string[] names)
    {
        string root = TestRuns.TempDir();
        foreach (string split in new[] { "train", "test" })
        {
            Directory.CreateDirectory(Path.Combine(root, split, "clean"));
            Directory.CreateDirectory(Path.Combine(root, split, "noisy"));
        }

        foreach (string name in names)
        {
            var pair = Synth.Pair(name, 0.6, name.Length);
            Wav(Path.Combine(root, "train", "clean", name + ".wav"), 16000, pair.Clean);
            Wav(Path.Combine(root, "train", "noisy", name + ".wav"), 16000, pair.Noisy);
        }

        return root;
    }

    [Fact]
    public void Pairs_are_matched_by_name_in_natural_order()
    {
        string root = Layout("p10_1", "p2_1", "p2_10", "p2_9");
        var scan = PairScan.Scan(root, "train");
        Assert.Equal(["p2_1", "p2_9", "p2_10", "p10_1"], scan.Pairs.Select(p => p.Name));
        Assert.Empty(scan.Warnings);
    }

    [Fact]
    public void A_spread_subset_takes_pairs_evenly_over_the_natural_order()
    {
        string root = Layout("a1", "a2", "a3", "b1", "b2", "b3", "c1", "c2", "c3");
        var scan = PairScan.Scan(root, "train");

        Assert.Equal(["a1", "b1", "c1"], scan.Spread(3).Pairs.Select(p => p.Name));
        Assert.Equal(["a1", "a3", "b2", "c1"], scan.Spread(4).Pairs.Select(p => p.Name));
        Assert.Same(scan, scan.Spread(0));
        Assert.Same(scan, scan.Spread(9));
        Assert.Same(scan, scan.Spread(20));
        Assert.Throws<ArgumentOutOfRangeException>(() => scan.Spread(-1));
    }

    [Fact]
    public void A_file_without_its_partner_is_skipped_and_named()
    {
        string root = Layout("a", "b");
        File.Delete(Path.Combine(root, "train", "noisy", "b.wav"));
        Wav(Path.Combine(root, "train", "noisy", "c.wav"), 16000, new float[1600]);
        var scan = PairScan.Scan(root, "train");
        Assert.Equal(["a"], scan.Pairs.Select(p => p.Name));
        Assert.Contains(scan.Warnings, w => w.Contains("b.wav") && w.Contains("no noisy file"));
        Assert.Contains(scan.Warnings, w => w.Contains("c.wav") && w.Contains("no clean file"));
    }

    [Fact]
    public void A_missing_folder_is_fatal_and_named()
    {
        string root = TestRuns.TempDir();
        var e = Assert.Throws<DataException>(() => PairScan.Scan(root, "train"));
        Assert.Contains(Path.Combine(root, "train", "clean"), e.Message);
    }

    [Fact]
    public void Unreadable_and_mismatched_pairs_are_skipped_with_the_file_named()
    {
        string root = Layout("good", "broken", "short");
        File.WriteAllText(Path.Combine(root, "train", "noisy", "broken.wav"), "not a wav");
        Wav(Path.Combine(root, "train", "noisy", "short.wav"), 16000, new float[800]);
        var set = TrainingSet.Open(PairScan.Scan(root, "train"), new AudioStore(Path.Combine(root, ".cache")));
        Assert.Equal(["good"], set.Names);
        Assert.Contains(set.Warnings, w => w.Contains("broken.wav"));
        Assert.Contains(set.Warnings, w => w.Contains("short.wav") && w.Contains("800"));
    }

    [Fact]
    public void A_training_file_lost_during_the_run_is_named_with_the_reason()
    {
        string root = Layout("a", "b");
        var set = TrainingSet.Open(PairScan.Scan(root, "train"), new AudioStore(Path.Combine(root, ".cache")));
        Assert.Equal(2, set.Count);
        string lost = Path.Combine(root, "train", "noisy", "b.wav");
        File.Delete(lost);

        Assert.Equal("a", set.Load(0).Name);
        var e = Assert.Throws<DataException>(() => set.Load(1));
        Assert.Contains("'b'", e.Message);
        Assert.Contains(lost, e.Message); // the file that went missing, not its partner
        Assert.Contains("not found", e.Message); // and why
        Assert.DoesNotContain("skipped", e.Message);
    }

    [Fact]
    public void Files_at_another_rate_are_resampled_once_and_cached_on_disk()
    {
        string root = Layout();
        var pair = Synth.Pair("x", 0.5, 3);
        var at48 = Resampling.Resample(pair.Clean, 16000, 48000);
        string path = Path.Combine(root, "train", "clean", "x.wav");
        WavFile.Write(path, new AudioSignal(at48, 48000), WavSampleFormat.Float32);
        var store = new AudioStore(Path.Combine(root, ".cache"));
        float[] first = store.Load(path);
        Assert.Equal(8000, first.Length);
        Assert.Single(Directory.GetFiles(Path.Combine(root, ".cache")));
        float[] second = new AudioStore(Path.Combine(root, ".cache")).Load(path);
        Assert.Equal(first, second);
    }
}
