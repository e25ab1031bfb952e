using Perceptor.Models;
using static TorchSharp.torch;

namespace Perceptor.Training.Networks;

/// <summary>The reference signal path, delegated to the models' <see cref="SpectralFrontEnd"/>.</summary>
internal sealed class FrontEndSpectralPath(SpectralFrontEnd frontEnd) : ISpectralPath
{
    public Tensor NormalisationFactor(Tensor audio) => frontEnd.NormalisationFactor(audio);

    public Tensor Stft(Tensor audio) => frontEnd.Stft(audio);

    public Tensor Istft(Tensor spectrum, long? length = null) => frontEnd.Istft(spectrum, length);

    public (Tensor Real, Tensor Imag) Compress(Tensor spectrum) => frontEnd.Compress(spectrum);

    public Tensor Decompress(Tensor real, Tensor imag) => frontEnd.Decompress(real, imag);

    public void Dispose() => frontEnd.Dispose();
}
