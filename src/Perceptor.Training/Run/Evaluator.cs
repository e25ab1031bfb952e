using Perceptor.Diagnostics.RunLog;
using Perceptor.Quality.Pesq;
using Perceptor.Quality.Scoring;
using Perceptor.Training.Config;
using Perceptor.Training.Data;
using Perceptor.Training.Enhance;
using Perceptor.Training.Networks;
using Perceptor.Training.Step;

namespace Perceptor.Training.Run;

/// <summary>
/// The deterministic per-epoch evaluation: enhance every eval clip (whole files with the reference's procedure, or
/// fixed crops), score WB-PESQ of enhanced vs clean at the true level, and the eval loss without the GAN term (a
/// moving discriminator has no place in a comparison across epochs).
/// </summary>
internal sealed class Evaluator(TrainingModels models, TrainingConfig config, PesqBatchScorer scorer) : IDisposable
{
    private readonly SpeechEnhancer _enhancer = new(models, (int)(config.Eval.ChunkSeconds * 16000), ownsModels: false);

    public EvalRecord Evaluate(IReadOnlyList<ClipPair> clips, int epoch, long step, bool scoreNoisy)
    {
        var pairs = new PesqPair[clips.Count];
        double lossSum = 0;
        for (int i = 0; i < clips.Count; i++)
        {
            var result = _enhancer.Process(clips[i].Noisy, clips[i].Clean, config.Loss);
            lossSum += result.Loss ?? 0;
            pairs[i] = new PesqPair(clips[i].Clean, result.Enhanced, 16000);
        }

        models.Generator.train();
        var (pesq, failed) = Mean(scorer(pairs));
        double? noisyPesq = null;
        if (scoreNoisy)
        {
            var noisyPairs = clips.Select(c => new PesqPair(c.Clean, c.Noisy, 16000)).ToArray();
            noisyPesq = Mean(scorer(noisyPairs)).Mean;
        }

        return new EvalRecord
        {
            Epoch = epoch,
            Step = step,
            Method = ConfigKeys.EnumText(config.Eval.Method.ToString()),
            Files = clips.Count,
            Pesq = pesq,
            PesqFailed = failed,
            Loss = clips.Count > 0 ? lossSum / clips.Count : null,
            NoisyPesq = noisyPesq,
        };
    }

    private static (double? Mean, int Failed) Mean(PesqResult[] results)
    {
        var tally = PesqTally.Of(results);
        return (tally.Mean, tally.Failed);
    }

    public void Dispose() => _enhancer.Dispose();
}
