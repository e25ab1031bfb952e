using Perceptor.Training.Data;
using Perceptor.Training.Tests.Fakes;

namespace Perceptor.Training.Tests.Data;

public class BatchSamplerTests
{
    private static readonly IReadOnlyList<ClipPair> Pairs = Synth.Pairs(10, 1.0, 11);

    [Fact]
    public void The_same_seed_gives_the_same_batches_and_another_epoch_reshuffles()
    {
        var a = new BatchSampler(TrainingSet.FromMemory(Pairs), 2, 8000, seed: 3);
        var b = new BatchSampler(TrainingSet.FromMemory(Pairs), 2, 8000, seed: 3);
        var epoch0 = Enumerable.Range(0, a.BatchesPerEpoch).SelectMany(i => a.Get(0, i).Names).ToArray();
        var again = Enumerable.Range(0, b.BatchesPerEpoch).SelectMany(i => b.Get(0, i).Names).ToArray();
        var epoch1 = Enumerable.Range(0, a.BatchesPerEpoch).SelectMany(i => a.Get(1, i).Names).ToArray();
        Assert.Equal(epoch0, again);
        Assert.Equal(a.Get(0, 2).Clean, b.Get(0, 2).Clean);
        Assert.NotEqual(epoch0, epoch1);
        Assert.Equal(Pairs.Select(p => p.Name).Order(), epoch0.Order());
        var c = new BatchSampler(TrainingSet.FromMemory(Pairs), 2, 8000, seed: 4);
        Assert.NotEqual(epoch0, Enumerable.Range(0, c.BatchesPerEpoch).SelectMany(i => c.Get(0, i).Names).ToArray());
    }

    [Fact]
    public void Clean_and_noisy_are_cut_at_the_same_offset()
    {
        var sampler = new BatchSampler(TrainingSet.FromMemory(Pairs), 2, 8000, seed: 1);
        var batch = sampler.Get(0, 1);
        for (int row = 0; row < 2; row++)
        {
            var pair = Pairs.Single(p => p.Name == batch.Names[row]);
            int start = batch.Starts[row];
            Assert.InRange(start, 0, pair.Length - 8000);
            Assert.Equal(pair.Clean.AsSpan(start, 8000).ToArray(), batch.Clean.AsSpan(row * 8000, 8000).ToArray());
            Assert.Equal(pair.Noisy.AsSpan(start, 8000).ToArray(), batch.Noisy.AsSpan(row * 8000, 8000).ToArray());
        }
    }

    [Fact]
    public void A_file_shorter_than_the_crop_is_tiled_as_the_reference_does()
    {
        float[] source = Enumerable.Range(1, 3000).Select(i => (float)i).ToArray();
        var crop = new float[8000];
        Crops.CopyCrop(source, 0, 8000, crop);
        Assert.Equal(source, crop.AsSpan(0, 3000).ToArray());
        Assert.Equal(source, crop.AsSpan(3000, 3000).ToArray());
        Assert.Equal(source.AsSpan(0, 2000).ToArray(), crop.AsSpan(6000, 2000).ToArray());
    }

    [Fact]
    public void The_last_partial_batch_is_dropped_and_max_batches_caps_an_epoch()
    {
        Assert.Equal(3, new BatchSampler(TrainingSet.FromMemory(Pairs), 3, 8000, 1).BatchesPerEpoch);
        Assert.Equal(2, new BatchSampler(TrainingSet.FromMemory(Pairs), 3, 8000, 1, maxBatches: 2).BatchesPerEpoch);
        Assert.Throws<DataException>(() => new BatchSampler(TrainingSet.FromMemory(Pairs), 11, 8000, 1));
    }

    [Fact]
    public void Speech_aware_crops_avoid_a_long_silence()
    {
        // 3 s of silence then 1 s of speech: blind crops of 0.5 s are mostly silent, speech-aware ones are not.
        var speech = Synth.Pair("s", 1.0, 5);
        var clean = new float[64000];
        speech.Clean.CopyTo(clean, 48000);
        var pair = new ClipPair("s", clean, clean.ToArray());
        var set = TrainingSet.FromMemory([pair]);
        var blind = new BatchSampler(set, 1, 8000, 9);
        var aware = new BatchSampler(set, 1, 8000, 9, speechAware: true, minSpeechFraction: 0.3, cropAttempts: 16);
        int silentBlind = 0, silentAware = 0;
        for (int epoch = 0; epoch < 40; epoch++)
        {
            silentBlind += blind.Get(epoch, 0).Clean.All(x => x == 0) ? 1 : 0;
            silentAware += aware.Get(epoch, 0).Clean.All(x => x == 0) ? 1 : 0;
        }

        Assert.True(silentBlind > 10, $"blind crops silent {silentBlind}/40");
        Assert.Equal(0, silentAware);
    }

    [Fact]
    public void Eval_views_are_fixed()
    {
        var set = EvalSet.FromMemory(Pairs);
        Assert.Equal(set.FixedCrops(8000).Select(c => c.Clean), set.FixedCrops(8000).Select(c => c.Clean));
        var probes = set.ProbeClips(4, 8000);
        Assert.Equal(["clip000", "clip002", "clip005", "clip007"], probes.Select(p => p.Name));
        Assert.All(probes, p => Assert.Equal(8000, p.Length));
    }
}
