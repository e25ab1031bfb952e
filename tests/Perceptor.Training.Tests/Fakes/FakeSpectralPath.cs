using Perceptor.Models;
using Perceptor.Training.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Training.Tests.Fakes;

/// <summary>The reference signal path written directly on torch.stft, for tests that run before the models' front end.</summary>
internal sealed class FakeSpectralPath(Device device) : ISpectralPath
{
    private readonly Tensor _window = hamming_window(400, periodic: true, device: device);

    public Tensor NormalisationFactor(Tensor audio) => audio.Squared().sum(1, keepdim: true).reciprocal().MulScalar(audio.shape[1]).sqrt();

    public Tensor Stft(Tensor audio) => stft(audio, 400, 100, 400, _window, center: true, pad_mode: PaddingModes.Reflect, onesided: true, return_complex: true);

    public Tensor Istft(Tensor spectrum, long? length = null) =>
        istft(spectrum, 400, 100, 400, _window, center: true, onesided: true, length: length ?? -1);

    public (Tensor Real, Tensor Imag) Compress(Tensor spectrum)
    {
        var magnitude = spectrum.abs().PowScalar(0.3);
        var phase = spectrum.angle();
        return (magnitude * phase.cos(), magnitude * phase.sin());
    }

    public Tensor Decompress(Tensor real, Tensor imag)
    {
        var scale = real.Squared().Plus(imag.Squared()).PowScalar((1 / 0.3 - 1) / 2);
        return complex(real * scale, imag * scale);
    }

    public void Dispose() => _window.Dispose();
}
