namespace Perceptor.Training.Data;

/// <summary>
/// Batches for training: a seeded reshuffle every epoch (as CMGAN's data loader shuffles), the last partial batch
/// dropped, one random crop per pair with the same offset for clean and noisy, files shorter than the crop tiled.
/// Every batch is a pure function of (seed, epoch, batch), so a resumed run sees exactly the batches it would have.
/// With speech-aware crops a crop whose clean side has too few active frames is redrawn (up to a limit, then the most
/// active crop seen is kept), so PESQ is not asked to score silence.
/// </summary>
public sealed class BatchSampler
{
    private readonly TrainingSet _set;
    private readonly long _seed;
    private readonly bool _speechAware;
    private readonly double _minSpeech;
    private readonly int _attempts;

    /// <summary>Creates the sampler.</summary>
    public BatchSampler(TrainingSet set, int batchSize, int cropSamples, long seed, int maxBatches = 0,
        bool speechAware = false, double minSpeechFraction = 0.3, int cropAttempts = 8)
    {
        _set = set ?? throw new ArgumentNullException(nameof(set));
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cropSamples, 1);
        if (set.Count < batchSize)
        {
            throw new DataException($"the training set has {set.Count} usable pairs, fewer than one batch of {batchSize}");
        }

        BatchSize = batchSize;
        CropSamples = cropSamples;
        _seed = seed;
        _speechAware = speechAware;
        _minSpeech = minSpeechFraction;
        _attempts = Math.Max(1, cropAttempts);
        int full = set.Count / batchSize;
        BatchesPerEpoch = maxBatches > 0 ? Math.Min(full, maxBatches) : full;
    }

    /// <summary>Clips per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Samples per crop.</summary>
    public int CropSamples { get; }

    /// <summary>Batches in one epoch.</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>Batch <paramref name="batch"/> (0-based) of epoch <paramref name="epoch"/> (0-based).</summary>
    public TrainBatch Get(int epoch, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(batch, BatchesPerEpoch);
        int[] order = SeededStream.Permutation(_set.Count, _seed, epoch);
        int b = BatchSize, l = CropSamples;
        var clean = new float[b * l];
        var noisy = new float[b * l];
        var names = new string[b];
        var starts = new int[b];
        for (int row = 0; row < b; row++)
        {
            int position = batch * b + row;
            var pair = _set.Load(order[position]);
            int start = ChooseStart(pair.Clean, epoch, position);
            Crops.CopyCrop(pair.Clean, start, l, clean.AsSpan(row * l, l));
            Crops.CopyCrop(pair.Noisy, start, l, noisy.AsSpan(row * l, l));
            names[row] = pair.Name;
            starts[row] = start;
        }

        return new TrainBatch(b, l, clean, noisy, names, starts);
    }

    /// <summary>The crop offset for the pair at <paramref name="position"/> of the epoch's order.</summary>
    internal int ChooseStart(float[] clean, int epoch, int position)
    {
        int maxStart = clean.Length - CropSamples;
        if (maxStart < 0)
        {
            return 0; // tiled
        }

        int first = SeededStream.UniformInclusive(maxStart, _seed, 0xC409, epoch, position, 0);
        if (!_speechAware)
        {
            return first;
        }

        var activity = new SpeechActivity(clean);
        int best = first;
        double bestFraction = -1;
        for (int attempt = 0; attempt < _attempts; attempt++)
        {
            int start = attempt == 0 ? first : SeededStream.UniformInclusive(maxStart, _seed, 0xC409, epoch, position, attempt);
            double fraction = activity.ActiveFraction(start, CropSamples);
            if (fraction >= _minSpeech)
            {
                return start;
            }

            if (fraction > bestFraction)
            {
                (best, bestFraction) = (start, fraction);
            }
        }

        return best;
    }
}
