using Perceptor.Audio.Synthesis;

namespace Perceptor.Experiments.Demo;

/// <summary>
/// What <c>perceptor demo</c> does: a small synthetic corpus, and a short experiment on the <c>demo</c> training
/// preset (tiny model, 1 s crops) with the reference skip-batch baseline against the per-clip mask. One-second crops
/// of utterances with pauses land in silence often enough that PESQ fails on some clip of roughly a third of all
/// batches: the baseline skips those discriminator steps, the mask arm never does.
/// </summary>
public sealed record DemoOptions
{
    /// <summary>Everything goes here: <c>data/</c>, the run folders, <c>report/</c>.</summary>
    public string OutDir { get; init; } = "demo-out";

    /// <summary>The corpus: 6 training talkers × 10 utterances, 2 test talkers × 4.</summary>
    public SyntheticCorpusOptions Corpus { get; init; } = new()
    {
        Seed = 2024,
        TrainSpeakers = 6,
        TrainClipsPerSpeaker = 10,
        TestSpeakers = 2,
        TestClipsPerSpeaker = 4,
    };

    /// <summary>The arms.</summary>
    public IReadOnlyList<string> Arms { get; init; } = ["baseline", "mask"];

    /// <summary>
    /// Training seeds: two, so the verdict can weigh the arms' difference against the spread across seeds (one seed
    /// cannot tell them apart), at twice the training time (about 3 minutes here).
    /// </summary>
    public IReadOnlyList<long> Seeds { get; init; } = [1, 2];

    /// <summary>Epochs per run.</summary>
    public int Epochs { get; init; } = 4;

    /// <summary>Training preset.</summary>
    public string Preset { get; init; } = "demo";

    /// <summary>
    /// Runs trained at once. Two child processes with one thread each use two cores far better than one process whose
    /// two intra-op threads wait on each other over the tiny model's small tensors (measured here: 15-34 s against
    /// 21-144 s for the same two short runs, the spread coming from other load on the machine).
    /// </summary>
    public int Parallel { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 2);

    /// <summary>Extra settings for every arm.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];
}
