using Perceptor.Audio;
using Perceptor.Diagnostics.RunLog;
using Perceptor.Models;
using Perceptor.Training.Checkpoints;
using Perceptor.Training.Run;
using Perceptor.Training.Tests.Fakes;
using static TorchSharp.torch;

namespace Perceptor.Training.Tests.Rescore;

/// <summary>
/// What the rescore tests share, made once: a data folder with two one-second VoiceBank pairs in <c>test/</c>, a tiny
/// run trained for two epochs (its <c>checkpoints/</c> hold Perceptor checkpoints and its metrics.jsonl a log), and
/// two seeded tiny generators saved as PyTorch files under reference-style names.
/// </summary>
public sealed class RescoreFixture
{
    public RescoreFixture()
    {
        Root = TestRuns.TempDir();
        Data = Path.Combine(Root, "data");
        foreach (var (pair, i) in Speech.Pairs(2, 1.0).Select((p, i) => (p, i)))
        {
            WavFile.Write(Path.Combine(Directories(Data, "test/clean"), pair.Name + ".wav"), new AudioSignal(pair.Clean, 16000), WavSampleFormat.Float32);
            WavFile.Write(Path.Combine(Directories(Data, "test/noisy"), pair.Name + ".wav"), new AudioSignal(pair.Noisy, 16000), WavSampleFormat.Float32);
        }

        random.manual_seed(11);
        Run = Path.Combine(Root, "run");
        var result = TrainingLoop.Run(new TrainingRequest { Config = TestRuns.Config("train.epochs=2", "train.maxBatches=1", "eval.maxFiles=1", "probe.calibrationClips=1"), DataDir = "memory", RunDir = Run }, null,
            TestRuns.Hooks(delivered: true), default);
        Assert.Equal(RunEndReason.Completed, result.Reason);

        PyTorch = Directories(Root, "pytorch");
        random.manual_seed(12);
        foreach (string name in new[] { "CMGAN_epoch_3_0.105", "gen_ep4.pth" })
        {
            using var generator = new CmganGenerator(ModelPresets.Tiny.Generator);
            StateDictFiles.Write(Path.Combine(PyTorch, name), WeightsFormat.PyTorch, generator.state_dict());
        }
    }

    public string Root { get; }

    /// <summary>Holds test/clean and test/noisy.</summary>
    public string Data { get; }

    /// <summary>The tiny run folder.</summary>
    public string Run { get; }

    /// <summary>Folder of the two PyTorch generators (epochs 3 and 4 by name).</summary>
    public string PyTorch { get; }

    /// <summary>A fresh output folder (not created).</summary>
    public string Out() => Path.Combine(Root, "out-" + Guid.NewGuid().ToString("N")[..8]);

    private static string Directories(string root, string relative)
    {
        string dir = Path.Combine(root, relative);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
