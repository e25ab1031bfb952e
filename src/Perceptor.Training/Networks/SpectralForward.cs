using Perceptor.Models;
using static TorchSharp.torch;

namespace Perceptor.Training.Networks;

/// <summary>
/// One pass of CMGAN's signal path: normalise both signals by the noisy signal's unit-RMS
/// factor, STFT, compress, generator, decompress, ISTFT. Every tensor is in the normalised, compressed domain the
/// losses use; shapes in comments (B batch, L samples, F bins, T frames).
/// </summary>
internal sealed record SpectralForward(
    Tensor Factor,      // [B, 1]
    Tensor CleanNorm,   // [B, L]
    Tensor CleanReal,   // [B, 1, F, T]
    Tensor CleanImag,   // [B, 1, F, T]
    Tensor CleanMag,    // [B, 1, F, T]
    Tensor EstReal,     // [B, 1, F, T]
    Tensor EstImag,     // [B, 1, F, T]
    Tensor EstMag,      // [B, 1, F, T]
    Tensor EstAudio)    // [B, L]
{
    /// <summary>
    /// Runs the path on clean and noisy audio, each [B, L] with L a multiple of the hop. The normalisation factor is
    /// the noisy rows' own unless <paramref name="factor"/> gives it (a chunk of a longer file uses the file's).
    /// </summary>
    public static SpectralForward Run(TrainingModels models, Tensor clean, Tensor noisy, Tensor? factor = null)
    {
        var path = models.Path;
        long length = noisy.shape[1];
        factor ??= path.NormalisationFactor(noisy);                           // [B, 1]
        var noisyNorm = noisy * factor;                                       // [B, L]
        var cleanNorm = clean * factor;                                       // [B, L]
        var (noisyReal, noisyImag) = path.Compress(path.Stft(noisyNorm));     // [B, F, T] each
        var (cleanRealFt, cleanImagFt) = path.Compress(path.Stft(cleanNorm)); // [B, F, T] each
        var input = stack([noisyReal, noisyImag], 1).transpose(2, 3);        // [B, 2, T, F]
        var (estRealTf, estImagTf) = models.Generator.forward(input);         // [B, 1, T, F] each
        var estReal = estRealTf.transpose(2, 3);                              // [B, 1, F, T]
        var estImag = estImagTf.transpose(2, 3);                              // [B, 1, F, T]
        var cleanReal = cleanRealFt.unsqueeze(1);                             // [B, 1, F, T]
        var cleanImag = cleanImagFt.unsqueeze(1);                             // [B, 1, F, T]
        var estMag = estReal.Squared().Plus(estImag.Squared()).sqrt();        // [B, 1, F, T]
        var cleanMag = cleanReal.Squared().Plus(cleanImag.Squared()).sqrt();  // [B, 1, F, T]
        var estSpectrum = path.Decompress(estReal.squeeze(1), estImag.squeeze(1)); // complex [B, F, T]
        var estAudio = path.Istft(estSpectrum, length);                       // [B, L]
        return new SpectralForward(factor, cleanNorm, cleanReal, cleanImag, cleanMag, estReal, estImag, estMag, estAudio);
    }
}
