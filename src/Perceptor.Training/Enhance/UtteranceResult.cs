namespace Perceptor.Training.Enhance;

/// <summary>An enhanced utterance at the input's level and length, and the reconstruction loss when a clean signal was given.</summary>
/// <param name="Enhanced">16 kHz samples, same length as the input.</param>
/// <param name="Loss">Weighted RI + magnitude + time loss (no GAN term), averaged over chunks; null without a clean signal.</param>
/// <param name="Chunks">Pieces the generator saw.</param>
public sealed record UtteranceResult(float[] Enhanced, double? Loss, int Chunks);
