using Perceptor.Audio;
using Perceptor.Models;
using Perceptor.Quality.Pesq;
using Perceptor.Training.Checkpoints;
using Perceptor.Training.Config;
using Perceptor.Training.Data;
using Perceptor.Training.Networks;
using Perceptor.Training.Step;
using Perceptor.Training.Tests.Checkpoints;
using Perceptor.Training.Tests.Fakes;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Perceptor.Training.Tests.Step;

/// <summary>
/// One training iteration against the reference trainer's (<c>shared/data/pytorch-cmgan/train_step</c>): the
/// authors' networks from the same weights, dropout off, two 1 s crops, fixed discriminator targets [0.45, 0.62].
/// Every loss term and both networks after the update (parameters, batch-norm running statistics and counts, the
/// spectral-norm vectors) must match within the folder README's tolerances: losses 1e-5 relative, buffers and weights
/// 1e-5 absolute (AdamW's first step moves a weight by about the learning rate, so this checks the update itself).
/// Deliberate exception, because the reference cannot meet it either: where a gradient is below float32 rounding noise
/// the first AdamW step goes ±lr by chance, so a small share of elements may differ by up to one reversed step, and
/// biases that feed a normalisation (gradient exactly 0 in exact arithmetic) are checked for the size of their move only.
/// </summary>
[Collection(TorchCollection.Name)]
public class ReferenceStepTests(ITestOutputHelper output)
{
    private const double LossTolerance = 1e-5;
    private const double WeightTolerance = 1e-5;
    private const double WeightDecay = 0.01;

    // Share of parameter elements allowed outside the weight tolerance. AdamW's first step is lr·g/(|g| + eps), so an
    // element whose gradient is smaller than float32 rounding noise moves by ±lr in either direction. The authors' own
    // code rerun with PyTorch 1.13 on another machine differs from the folder's result in 0.06% of the generator's
    // elements (up to 1.0e-3, all with |g| far below the tensor's median); this port in 0.12%.
    private const double UndeterminedShare = 0.0025;

    // Biases whose output goes straight into an instance or batch norm: the norm removes them, so their gradient is 0.
    private static readonly System.Text.RegularExpressions.Regex ZeroGradient = new(
        @"(conv_1\.0\.bias|conv_2\.0\.bias|dense_block\.conv\d+\.bias|dilated_dense\.conv\d+\.bias|conv\.net\.4\.conv\.bias|mask_decoder\.conv_1\.bias)$");

    [Fact]
    public void One_step_from_the_reference_weights_matches_pytorch()
    {
        var expected = ReferenceData.Expected().GetProperty("train_step");
        var config = ConfigLoader.Load("cmgan", null, ["model.dropout=0", "model.discDropout=0", "pesq.failures=skip-batch"]);
        var preset = config.Model.Resolve();
        using var generatorWeights = StateDictFiles.Read(ReferenceData.Generator, ModelPart.Generator);
        using var discriminatorWeights = StateDictFiles.Read(ReferenceData.Discriminator, ModelPart.Discriminator);
        Assert.Equal(preset.Generator, StateDictFiles.InferGenerator(generatorWeights, preset.Generator));
        Assert.Equal(preset.Discriminator, StateDictFiles.InferDiscriminator(discriminatorWeights, preset.Discriminator));

        using var models = TrainingModels.Create(preset, CPU);
        generatorWeights.LoadInto(models.Generator);
        discriminatorWeights.LoadInto(models.Discriminator);

        // PESQ scores whose normalised targets are the reference's fixed [0.45, 0.62]: (PESQ − 1)/3.5.
        double[] targets = [.. expected.GetProperty("targets").EnumerateArray().Select(t => (double)t.GetSingle())];
        PesqBatchScorer fixedTargets = pairs => [.. targets.Select(q => PesqResult.Success(1 + 3.5 * q))];
        using var engine = new MetricGanStep(models, config, fixedTargets);

        var clean = new List<float>();
        var noisy = new List<float>();
        for (int i = 0; i < 2; i++)
        {
            clean.AddRange(WavFile.Read(ReferenceData.File("train_step", $"clean_{i}.wav")).Samples);
            noisy.AddRange(WavFile.Read(ReferenceData.File("train_step", $"noisy_{i}.wav")).Samples);
        }

        var batch = new TrainBatch(2, 16000, [.. clean], [.. noisy], ["p232_005.wav", "p257_011.wav"], [8000, 4000]);
        var outcome = engine.Run(batch, probeBalance: false);

        var failures = new List<string>();
        void Loss(string name, double actual, string key)
        {
            double reference = expected.GetProperty(key).GetDouble();
            double rel = Math.Abs(actual - reference) / Math.Abs(reference);
            output.WriteLine($"{name}: {actual:G9} vs {reference:G9} (relative {rel:E2})");
            if (!(rel <= LossTolerance))
            {
                failures.Add($"{name} relative error {rel:E2}");
            }
        }

        Loss("L_RI", outcome.Loss.Ri, "loss_ri");
        Loss("L_Mag", outcome.Loss.Mag, "loss_mag");
        Loss("L_Time", outcome.Loss.Time, "loss_time");
        Loss("L_GAN", outcome.Loss.Gan ?? double.NaN, "loss_gan");
        Loss("L_G", outcome.Loss.Total, "loss_gen");
        Loss("L_D", outcome.DiscLoss ?? double.NaN, "loss_disc");

        CompareWeights("generator", models.Generator, ReferenceData.File("train_step", "generator_after.pt"), generatorWeights, ModelPart.Generator, config.Optim.GenLr, failures);
        CompareWeights("discriminator", models.Discriminator, ReferenceData.File("train_step", "discriminator_after.pt"), discriminatorWeights, ModelPart.Discriminator, config.Optim.DiscLr, failures);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private void CompareWeights(string name, nn.Module module, string path, StateDict start, ModelPart part, double lr, List<string> failures)
    {
        using var after = StateDictFiles.Read(path, part);
        var parameters = module.named_parameters().Select(p => p.name).ToHashSet(StringComparer.Ordinal);
        long elements = 0, undetermined = 0;
        double worstBuffer = 0, worstZeroGradStep = 0;
        foreach (var (key, actual) in module.state_dict())
        {
            using var a = actual.detach().to(ScalarType.Float64);
            using var r = after.Tensors[key].to(ScalarType.Float64);
            using var diff = (a - r).abs();
            if (!parameters.Contains(key))
            {
                // Buffers do not go through the optimiser: running statistics, batch counts, spectral-norm vectors.
                double d = diff.max().ToDoubleValue();
                worstBuffer = Math.Max(worstBuffer, d);
                if (!(d <= WeightTolerance))
                {
                    failures.Add($"{name} buffer {key}: max abs difference {d:E2}");
                }

                continue;
            }

            if (ZeroGradient.IsMatch(key))
            {
                // A bias that feeds a normalisation has gradient 0 up to rounding, so AdamW's first step moves it by
                // ±lr in a direction set by rounding noise (PyTorch rerun elsewhere differs there too): only the size
                // of the move is determined.
                using var s = start.Tensors[key].to(ScalarType.Float64);
                using var moved = (a - s).abs();
                using var bound = s.abs().MulScalar(lr * WeightDecay).AddScalar(lr + 1e-6);
                double excess = (moved - bound).max().ToDoubleValue();
                worstZeroGradStep = Math.Max(worstZeroGradStep, excess);
                if (excess > 0)
                {
                    failures.Add($"{name} {key}: moved more than one AdamW step");
                }

                continue;
            }

            long n = diff.numel();
            using var off = diff.GtScalar(WeightTolerance);
            using var offCount = off.sum();
            long count = offCount.item<long>();
            elements += n;
            undetermined += count;
            if (count > Math.Max(4, n / 50)) // a tensor with a wrong gradient would be off in about half its elements
            {
                failures.Add($"{name} {key}: {count} of {n} elements differ by more than {WeightTolerance:E0}");
            }

            double worst = diff.max().ToDoubleValue();
            if (worst > 2 * lr * (1 + WeightTolerance) + WeightTolerance)
            {
                failures.Add($"{name} {key}: a difference of {worst:E2} exceeds a reversed AdamW step (2·lr)");
            }
        }

        double share = (double)undetermined / elements;
        output.WriteLine($"{name}: buffers within {worstBuffer:E2}; {undetermined} of {elements} parameter elements ({share:P3}) differ by more than {WeightTolerance:E0}, each by at most one reversed step");
        if (share > UndeterminedShare)
        {
            failures.Add($"{name}: {share:P3} of the parameter elements differ by more than {WeightTolerance:E0} (allowed {UndeterminedShare:P2})");
        }
    }
}
