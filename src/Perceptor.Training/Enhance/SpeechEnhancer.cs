using Perceptor.Models;
using Perceptor.Training.Checkpoints;
using Perceptor.Training.Config;
using Perceptor.Training.Networks;
using Perceptor.Training.Step;
using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Training.Enhance;

/// <summary>
/// Applies a trained generator to whole utterances of any length with the procedure of CMGAN's evaluation script:
/// one unit-RMS factor for the whole file, wrap-padding to a multiple of 100 samples, equal chunks of at most
/// <see cref="ChunkSamples"/> (16 s by default) processed one after another (equivalent to the reference's single
/// batch, in less memory), output divided by the factor and cut to the input length. Input and output are 16 kHz.
/// </summary>
public sealed class SpeechEnhancer : IDisposable
{
    private readonly TrainingModels _models;
    private readonly bool _ownsModels;

    internal SpeechEnhancer(TrainingModels models, int chunkSamples, bool ownsModels)
    {
        _models = models;
        _ownsModels = ownsModels;
        ChunkSamples = Math.Max(FullUtterance.Hop, chunkSamples / FullUtterance.Hop * FullUtterance.Hop);
    }

    /// <summary>The model size of the generator.</summary>
    public ModelPreset Preset => _models.Preset;

    /// <summary>Longest piece given to the generator at once, in samples.</summary>
    public int ChunkSamples { get; }

    /// <summary>
    /// Loads the generator of a checkpoint written by the trainer, or of a PyTorch or safetensors state dict, its size
    /// read from the tensor shapes (throws <see cref="CheckpointException"/> naming the
    /// file when it is unreadable). <paramref name="device"/>: cpu, cuda or cuda:N.
    /// </summary>
    public static SpeechEnhancer Load(string checkpointPath, string device = "cpu", double chunkSeconds = 16.0)
    {
        var dev = DeviceSelection.Resolve(device);
        if (WeightsFormats.Detect(checkpointPath) != WeightsFormat.Perceptor)
        {
            return new SpeechEnhancer(GeneratorWeights.Load(checkpointPath, dev), (int)(chunkSeconds * 16000), ownsModels: true);
        }

        var checkpoint = CheckpointFile.Read(checkpointPath);
        var models = TrainingModels.Create(checkpoint.Preset, dev);
        try
        {
            checkpoint.LoadGenerator(models.Generator);
        }
        catch
        {
            models.Dispose();
            throw;
        }

        return new SpeechEnhancer(models, (int)(chunkSeconds * 16000), ownsModels: true);
    }

    /// <summary>Enhances a 16 kHz signal; returns the enhanced samples at the input's level and length.</summary>
    public float[] Enhance(ReadOnlySpan<float> noisy16k) => Process(noisy16k.ToArray(), null, null).Enhanced;

    /// <summary>Enhances <paramref name="noisy"/> and, when <paramref name="clean"/> is given, measures the loss without the GAN term.</summary>
    internal UtteranceResult Process(float[] noisy, float[]? clean, LossSection? weights)
    {
        ArgumentNullException.ThrowIfNull(noisy);
        if (noisy.Length == 0)
        {
            throw new ArgumentException("empty signal", nameof(noisy));
        }

        _models.Generator.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        int length = noisy.Length;
        int padded = FullUtterance.PaddedLength(length);
        int k = FullUtterance.ChunkCount(padded, ChunkSamples);
        int chunk = padded / k;
        var noisyPad = FullUtterance.WrapPad(noisy, padded);
        var cleanPad = clean is null ? noisyPad : FullUtterance.WrapPad(clean, padded);
        var factor = _models.Path.NormalisationFactor(tensor(noisy, [1, length], device: _models.Device)); // [1, 1] of the whole file
        var output = new float[padded];
        double lossSum = 0;
        for (int j = 0; j < k; j++)
        {
            using var chunkScope = NewDisposeScope();
            var noisyChunk = tensor(noisyPad.AsSpan(j * chunk, chunk).ToArray(), [1, chunk], device: _models.Device); // [1, C]
            var cleanChunk = tensor(cleanPad.AsSpan(j * chunk, chunk).ToArray(), [1, chunk], device: _models.Device); // [1, C]
            var f = SpectralForward.Run(_models, cleanChunk, noisyChunk, factor);
            (f.EstAudio / factor).cpu().data<float>().CopyTo(output, j * chunk);
            if (clean is not null && weights is not null)
            {
                lossSum += CmganLoss.RealImag(f).MulScalar(weights.RiWeight)
                    .Plus(CmganLoss.Magnitude(f).MulScalar(weights.MagWeight))
                    .Plus(CmganLoss.Time(f).MulScalar(weights.TimeWeight))
                    .ToDoubleValue();
            }
        }

        var enhanced = output.AsSpan(0, length).ToArray();
        return new UtteranceResult(enhanced, clean is not null && weights is not null ? lossSum / k : null, k);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsModels)
        {
            _models.Dispose();
        }
    }
}
