namespace Perceptor.Training.Bench;

/// <summary>Which cases <c>perceptor bench train</c> times: every preset at every batch size, with the defaults and the checks of its options.</summary>
public static class TrainBenchPlan
{
    /// <summary>Presets timed when none are named.</summary>
    public static IReadOnlyList<string> DefaultPresets { get; } = ["tiny", "small", "cmgan"];

    /// <summary>Batch sizes timed when none are named.</summary>
    public static IReadOnlyList<int> DefaultBatchSizes { get; } = [1, 4];

    /// <summary>
    /// The cases, presets outer and batch sizes inner. Throws <see cref="ArgumentException"/> with a message for the
    /// user when a count or the crop is out of range, or an override is not a <c>model.*</c> key (only those change
    /// what is timed).
    /// </summary>
    public static IReadOnlyList<TrainBenchCase> Cases(IReadOnlyList<string>? presets, IReadOnlyList<int>? batchSizes, double cropSeconds,
        int steps, int warmup, int threads, IReadOnlyList<string>? overrides)
    {
        if (steps < 1 || warmup < 0 || threads < 0 || !(cropSeconds >= 0.5))
        {
            throw new ArgumentException("--steps >= 1, --warmup >= 0, --threads >= 0, --crop-seconds >= 0.5");
        }

        IReadOnlyList<string> modelOverrides = overrides ?? [];
        if (modelOverrides.FirstOrDefault(o => !o.StartsWith("model.", StringComparison.Ordinal)) is { } other)
        {
            throw new ArgumentException($"--set {other}: only model.* keys change what is timed");
        }

        var names = presets is { Count: > 0 } p ? p : DefaultPresets;
        var sizes = batchSizes is { Count: > 0 } b ? b : DefaultBatchSizes;
        return names.SelectMany(name => sizes.Select(size => new TrainBenchCase(name, size, cropSeconds, steps, warmup, threads, modelOverrides))).ToList();
    }
}
