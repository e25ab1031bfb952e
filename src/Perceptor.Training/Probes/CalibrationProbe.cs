using Perceptor.Diagnostics.RunLog;
using Perceptor.Quality.Pesq;
using Perceptor.Training.Data;
using Perceptor.Training.Networks;
using Perceptor.Training.Step;
using static TorchSharp.torch;

namespace Perceptor.Training.Probes;

/// <summary>
/// Does the discriminator still tell the truth? On fixed probe clips, with both networks in eval mode: mean
/// D(clean, clean) (should be near 1), and for the clips PESQ could score, mean D(clean, enhanced) beside the
/// actual normalised PESQ of the same enhanced clips, their mean absolute error and Pearson correlation.
/// </summary>
internal static class CalibrationProbe
{
    public static CalibrationRecord Run(TrainingModels models, IReadOnlyList<ClipPair> probes, int batchSize, PesqBatchScorer scorer, int epoch)
    {
        models.Generator.eval();
        models.Discriminator.eval();
        var dClean = new List<double>();
        var dEnhanced = new List<double>();
        var pairs = new List<PesqPair>();
        using (no_grad())
        {
            for (int start = 0; start < probes.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                int b = Math.Min(batchSize, probes.Count - start);
                int length = probes[start].Length;
                var clean = new float[b * length];
                var noisy = new float[b * length];
                for (int i = 0; i < b; i++)
                {
                    probes[start + i].Clean.CopyTo(clean, i * length);
                    probes[start + i].Noisy.CopyTo(noisy, i * length);
                }

                var f = SpectralForward.Run(models, tensor(clean, [b, length], device: models.Device), tensor(noisy, [b, length], device: models.Device));
                dClean.AddRange(models.Discriminator.forward(f.CleanMag, f.CleanMag).flatten().cpu().data<float>().ToArray().Select(v => (double)v));
                dEnhanced.AddRange(models.Discriminator.forward(f.CleanMag, f.EstMag).flatten().cpu().data<float>().ToArray().Select(v => (double)v));
                float[] enhanced = (f.EstAudio / f.Factor).cpu().data<float>().ToArray();
                for (int i = 0; i < b; i++)
                {
                    pairs.Add(new PesqPair(probes[start + i].Clean, enhanced.AsMemory(i * length, length), 16000));
                }
            }
        }

        models.Generator.train();
        models.Discriminator.train();
        var results = scorer(pairs);
        var predicted = new List<double>();
        var actual = new List<double>();
        for (int i = 0; i < results.Length; i++)
        {
            if (results[i].IsSuccess && double.IsFinite(results[i].Score))
            {
                predicted.Add(dEnhanced[i]);
                actual.Add(PesqTargets.Normalise(results[i].Score));
            }
        }

        return new CalibrationRecord
        {
            Epoch = epoch,
            Clips = probes.Count,
            DCleanClean = dClean.Count > 0 ? dClean.Average() : double.NaN,
            DCleanEnhanced = predicted.Count > 0 ? predicted.Average() : dEnhanced.Count > 0 ? dEnhanced.Average() : double.NaN,
            PesqNorm = actual.Count > 0 ? actual.Average() : null,
            Mae = Correlation.MeanAbsoluteError(predicted, actual),
            Pearson = Correlation.Pearson(predicted, actual),
            ClipsFailed = results.Length - actual.Count,
        };
    }
}
