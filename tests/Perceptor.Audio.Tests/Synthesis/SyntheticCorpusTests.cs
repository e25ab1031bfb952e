using Perceptor.Audio.Synthesis;

namespace Perceptor.Audio.Tests.Synthesis;

public sealed class SyntheticCorpusTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "perceptor-corpus-" + Guid.NewGuid().ToString("N"));

    // A small corpus keeps the tests quick: 2 training talkers × 3, 1 test talker × 3, short speech.
    private static SyntheticCorpusOptions Small(long seed) => new()
    {
        Seed = seed,
        TrainSpeakers = 2,
        TrainClipsPerSpeaker = 3,
        TestSpeakers = 1,
        TestClipsPerSpeaker = 3,
        Layout = new UtteranceLayout { SpeechSeconds = (0.8, 1.2) },
    };

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void The_same_seed_writes_byte_identical_files()
    {
        string a = Path.Combine(_root, "a");
        string b = Path.Combine(_root, "b");
        SyntheticCorpus.Generate(a, Small(7));
        SyntheticCorpus.Generate(b, Small(7));

        var filesA = RelativeFiles(a);
        Assert.Equal(filesA, RelativeFiles(b));
        Assert.Equal(6 * 2 + 3 * 2 + 2, filesA.Count);
        foreach (string file in filesA)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(a, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, file))),
                $"{file} differs between two generations with the same seed");
        }
    }

    [Fact]
    public void Another_seed_gives_other_audio()
    {
        var first = SyntheticCorpus.Generate(Path.Combine(_root, "a"), Small(1));
        SyntheticCorpus.Generate(Path.Combine(_root, "b"), Small(2));
        string name = first.Clips[0].Name;
        byte[] x = File.ReadAllBytes(Path.Combine(_root, "a", "train", "clean", name));
        byte[] y = File.ReadAllBytes(Path.Combine(_root, "b", "train", "clean", name));
        Assert.False(x.AsSpan().SequenceEqual(y));
    }

    [Fact]
    public void The_folder_has_the_voicebank_layout_and_the_manifest_lists_every_pair()
    {
        var manifest = SyntheticCorpus.Generate(_root, Small(3));
        var reread = CorpusManifest.Read(Path.Combine(_root, CorpusManifest.FileName));

        Assert.Equal(manifest.Clips, reread.Clips);
        Assert.Equal(6, reread.Clips.Count(c => c.Split == "train"));
        Assert.Equal(3, reread.Clips.Count(c => c.Split == "test"));
        // Disjoint talkers between the splits, as in VoiceBank+DEMAND.
        Assert.Empty(reread.Clips.Where(c => c.Split == "train").Select(c => c.Speaker)
            .Intersect(reread.Clips.Where(c => c.Split == "test").Select(c => c.Speaker)));
        foreach (var clip in reread.Clips)
        {
            var clean = WavFile.Read(Path.Combine(_root, clip.Split, "clean", clip.Name));
            var noisy = WavFile.Read(Path.Combine(_root, clip.Split, "noisy", clip.Name));
            Assert.Equal(16000, clean.SampleRate);
            Assert.Equal(clean.Length, noisy.Length);
            Assert.Equal(clip.DurationSeconds, clean.DurationSeconds, 3);
            Assert.InRange(clip.SpeechSeconds, 0.1, clip.DurationSeconds);
            Assert.Contains(clip.SnrDb, clip.Split == "train" ? Small(3).TrainSnrsDb : Small(3).TestSnrsDb);
        }
    }

    [Fact]
    public void Every_noise_type_and_snr_appears_in_a_large_enough_split()
    {
        var options = Small(4) with { TrainSpeakers = 1, TrainClipsPerSpeaker = 30, TestClipsPerSpeaker = 1 };
        var manifest = SyntheticCorpus.Generate(_root, options);
        var train = manifest.Clips.Where(c => c.Split == "train").ToList();
        // 6 noise types × 5 SNRs = 30 combinations, each exactly once.
        Assert.Equal(30, train.Select(c => (c.Noise, c.SnrDb)).Distinct().Count());
    }

    [Fact]
    public void A_finished_corpus_is_reused_and_a_foreign_folder_is_refused()
    {
        SyntheticCorpus.Generate(_root, Small(5));
        string probe = Path.Combine(_root, "train", "clean", "p001_001.wav");
        var written = File.GetLastWriteTimeUtc(probe);
        Thread.Sleep(20);
        SyntheticCorpus.Generate(_root, Small(5));
        Assert.Equal(written, File.GetLastWriteTimeUtc(probe));

        string foreign = Path.Combine(_root, "foreign");
        Directory.CreateDirectory(Path.Combine(foreign, "train", "clean"));
        File.WriteAllText(Path.Combine(foreign, "train", "clean", "mine.wav"), "not yours");
        var error = Assert.Throws<IOException>(() => SyntheticCorpus.Generate(foreign, Small(5)));
        Assert.Contains("did not write", error.Message);
        Assert.True(File.Exists(Path.Combine(foreign, "train", "clean", "mine.wav")));
    }

    [Fact]
    public void Other_options_replace_an_older_corpus_without_leaving_its_files()
    {
        SyntheticCorpus.Generate(_root, Small(6) with { TrainClipsPerSpeaker = 4 });
        SyntheticCorpus.Generate(_root, Small(6));
        Assert.False(File.Exists(Path.Combine(_root, "train", "clean", "p001_004.wav")));
        Assert.True(File.Exists(Path.Combine(_root, "train", "clean", "p001_003.wav")));
    }

    [Fact]
    public void Random_one_second_crops_land_in_silence_at_a_visible_rate_but_mostly_hold_speech()
    {
        // The default layout, as the demo uses it: leading/trailing silence and long gaps must put some crops in the
        // recording floor alone (PESQ finds no utterance there), while most crops still hold speech.
        var options = new SyntheticCorpusOptions { Seed = 11, TrainSpeakers = 2, TrainClipsPerSpeaker = 12, TestClipsPerSpeaker = 1, TestSpeakers = 1 };
        var manifest = SyntheticCorpus.Generate(_root, options);
        var rng = new Random(5);
        int crops = 0;
        int silent = 0;
        int speech = 0;
        const int length = 16000;
        foreach (var clip in manifest.Clips.Where(c => c.Split == "train"))
        {
            var samples = WavFile.Read(Path.Combine(_root, "train", "clean", clip.Name)).Samples;
            for (int k = 0; k < 20; k++)
            {
                int start = rng.Next(0, samples.Length - length + 1);
                double power = 0;
                for (int i = start; i < start + length; i++)
                {
                    power += (double)samples[i] * samples[i];
                }

                double db = 10 * Math.Log10(power / length + 1e-20);
                crops++;
                silent += db < -65 ? 1 : 0;
                speech += db > -45 ? 1 : 0;
            }
        }

        double silentShare = (double)silent / crops;
        double speechShare = (double)speech / crops;
        Assert.InRange(silentShare, 0.02, 0.3);
        Assert.True(speechShare > 0.6, $"only {speechShare:P0} of crops hold speech");
        double speechSeconds = manifest.Clips.Sum(c => c.SpeechSeconds);
        double totalSeconds = manifest.Clips.Sum(c => c.DurationSeconds);
        Assert.InRange(speechSeconds / totalSeconds, 0.3, 0.8);
    }

    private static List<string> RelativeFiles(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f))
            .Order(StringComparer.Ordinal)
            .ToList();
}
