using Perceptor.Audio;
using Perceptor.Training.Checkpoints;
using Perceptor.Training.Enhance;
using Perceptor.Training.Networks;
using Perceptor.Training.Step;
using Perceptor.Training.Tests.Fakes;
using static TorchSharp.torch;

namespace Perceptor.Training.Tests.Enhance;

[Collection(TorchCollection.Name)]
public class FileEnhancerTests
{
    [Fact]
    public void Files_at_another_rate_are_enhanced_and_bad_files_named_while_the_rest_go_on()
    {
        // A checkpoint of untrained tiny networks is enough to exercise the file handling.
        string path = Path.Combine(TestRuns.TempDir(), "t.ckpt");
        var config = TestRuns.Config();
        using (var engine = new MetricGanStep(TestRuns.Models(config.Model.Resolve(), CPU), config, PesqBatchScorers.Wideband(0)))
        {
            var state = new CheckpointState
            {
                Preset = "tiny", Generator = engine.Models.Preset.Generator, Discriminator = engine.Models.Preset.Discriminator,
                Config = Perceptor.Training.Config.ConfigLoader.ToJson(config),
            };
            CheckpointFile.WriteAtomic(path, CheckpointFile.Serialize(state, TrainingSnapshot.Capture(engine.Models.Generator, engine.Models.Discriminator, engine.GenOptimizer, engine.DiscOptimizer)));
        }

        var checkpoint = CheckpointFile.Read(path);
        using var models = TestRuns.Models(checkpoint.Preset, CPU);
        checkpoint.LoadGenerator(models.Generator);
        using var enhancer = new SpeechEnhancer(models, 4000, ownsModels: false);

        string input = Path.Combine(TestRuns.TempDir(), "in");
        Directory.CreateDirectory(input);
        var speech = Synth.Pair("a", 0.7, 4).Noisy;
        float[] at22k = Perceptor.Training.Data.Resampling.Resample(speech, 16000, 22050);
        WavFile.Write(Path.Combine(input, "a.wav"), new AudioSignal(at22k, 22050));
        File.WriteAllText(Path.Combine(input, "b.wav"), "RIFF broken");
        WavFile.Write(Path.Combine(input, "c.wav"), new AudioSignal(new float[4000], 16000));
        string output = Path.Combine(TestRuns.TempDir(), "out");

        var lines = new List<string>();
        var summary = FileEnhancer.Run(new EnhanceRequest { Checkpoint = "unused", Input = input, Output = output }, enhancer, lines.Add, default);
        string written = Assert.Single(summary.Written);
        Assert.Equal(2, summary.Failures.Count);
        Assert.Contains(summary.Failures, f => f.Contains("b.wav"));
        Assert.Contains(summary.Failures, f => f.Contains("c.wav") && f.Contains("silent"));
        var result = WavFile.Read(written);
        Assert.Equal(22050, result.SampleRate);
        Assert.Equal(at22k.Length, result.Length);
        Assert.False(result.HasNonFinite());
        Assert.True(result.Rms() > 0);

        var at16 = FileEnhancer.Run(new EnhanceRequest { Checkpoint = "unused", Input = Path.Combine(input, "a.wav"), Output = Path.Combine(output, "a16.wav"), Rate = OutputRate.Model16k },
            enhancer, null, default);
        var sixteen = WavFile.Read(Assert.Single(at16.Written));
        Assert.Equal(16000, sixteen.SampleRate);
        Assert.Equal(Perceptor.Training.Data.Resampling.To16k(WavFile.Read(Path.Combine(input, "a.wav"))).Length, sixteen.Length);
    }

    [Fact]
    public void An_output_that_would_overwrite_an_input_is_refused_before_anything_is_written()
    {
        string folder = TestRuns.TempDir();
        string file = Path.Combine(folder, "a.wav");
        WavFile.Write(file, new AudioSignal(Synth.Pair("a", 0.5, 1).Noisy, 16000));
        byte[] original = File.ReadAllBytes(file);
        string link = Path.Combine(TestRuns.TempDir(), "link.wav");
        File.CreateSymbolicLink(link, file);

        // The checkpoint does not exist: the refusal must come first, so nothing is loaded or written.
        foreach (var (input, output) in new[] { (file, file), (folder, folder), (file, folder), (file, link), (folder + "/.", folder) })
        {
            var e = Assert.Throws<ArgumentException>(() => FileEnhancer.Run(new EnhanceRequest { Checkpoint = "missing.ckpt", Input = input, Output = output }));
            Assert.Contains("would overwrite the input", e.Message);
        }

        Assert.Equal(original, File.ReadAllBytes(file));
        Assert.Single(Directory.GetFiles(folder));
    }

    [Fact]
    public void Long_inputs_are_chunked_and_keep_their_length()
    {
        using var models = TestRuns.Models(Perceptor.Models.ModelPresets.Tiny, CPU);
        using var enhancer = new SpeechEnhancer(models, 4000, ownsModels: false);
        var noisy = Synth.Pair("long", 1.234, 8).Noisy;
        var result = enhancer.Process(noisy, null, null);
        Assert.Equal(noisy.Length, result.Enhanced.Length);
        Assert.Equal(5, result.Chunks); // 19 800 padded samples over a 4 000-sample limit: ⌈4.95⌉ = 5, which divides 100
    }
}
