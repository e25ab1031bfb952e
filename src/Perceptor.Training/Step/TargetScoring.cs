using Perceptor.Quality.Pesq;
using Perceptor.Training.Config;
using Perceptor.Training.Data;
using Perceptor.Training.Networks;
using static TorchSharp.torch;

namespace Perceptor.Training.Step;

/// <summary>
/// The target-scoring phase: WB-PESQ of the estimate the generator's loss saw, at the true level (the normalisation
/// undone), turned into discriminator targets under the failure policy. It depends only on the forward pass, so it
/// runs on worker threads while the generator's backward and update run.
/// </summary>
internal sealed class TargetScoring(PesqBatchScorer scorer, PesqFailurePolicy policy)
{
    /// <summary>Copies the estimates of <paramref name="f"/> off the device and starts scoring them.</summary>
    public Task<TargetDecision> Start(TrainBatch batch, SpectralForward f)
    {
        float[] estimates = (f.EstAudio.detach() / f.Factor).cpu().data<float>().ToArray();
        return Task.Run(() => Decide(batch, estimates));
    }

    private TargetDecision Decide(TrainBatch batch, float[] flat)
    {
        var pairs = new PesqPair[batch.BatchSize];
        for (int b = 0; b < batch.BatchSize; b++)
        {
            pairs[b] = new PesqPair(batch.Clean.AsMemory(b * batch.Length, batch.Length), flat.AsMemory(b * batch.Length, batch.Length), 16000);
        }

        return PesqTargets.Decide(scorer(pairs), policy);
    }
}
