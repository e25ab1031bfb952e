using Perceptor.Models;
using Perceptor.Training.Networks;
using static TorchSharp.torch;

namespace Perceptor.Training.Step;

/// <summary>CMGAN's losses: RI and magnitude MSE on the compressed spectra, time-domain L1, the metric-GAN terms. Each returns a scalar tensor.</summary>
internal static class CmganLoss
{
    /// <summary>L_RI: MSE of the real part plus MSE of the imaginary part (compressed).</summary>
    public static Tensor RealImag(SpectralForward f) =>
        nn.functional.mse_loss(f.EstReal, f.CleanReal).Plus(nn.functional.mse_loss(f.EstImag, f.CleanImag));

    /// <summary>L_Mag: MSE of the compressed magnitudes.</summary>
    public static Tensor Magnitude(SpectralForward f) => nn.functional.mse_loss(f.EstMag, f.CleanMag);

    /// <summary>L_Time: mean absolute error of the normalised waveforms.</summary>
    public static Tensor Time(SpectralForward f) => (f.EstAudio - f.CleanNorm).abs().mean();

    /// <summary>L_GAN for the generator: mean((D(|X|, |X̂|) − 1)²).</summary>
    public static Tensor Gan(Tensor prediction) => prediction.flatten().SubScalar(1.0).Squared().mean();

    /// <summary>
    /// L_D = mean((D(|X|,|X|) − 1)²) + the estimate term: the mean of (D(|X|,|X̂|) − q)² over the clips with mask 1
    /// (all clips under skip-batch and batch-mean, so it equals the reference's MSE). With no clip in the mask only the
    /// (clean, clean) term remains.
    /// </summary>
    public static Tensor Discriminator(Tensor predictClean, Tensor predictEstimate, Tensor targets, Tensor mask, int maskCount)
    {
        var cleanTerm = predictClean.flatten().SubScalar(1.0).Squared().mean();
        if (maskCount == 0)
        {
            return cleanTerm;
        }

        var estimateTerm = ((predictEstimate.flatten() - targets).Squared() * mask).sum().DivScalar(maskCount);
        return cleanTerm.Plus(estimateTerm);
    }
}
