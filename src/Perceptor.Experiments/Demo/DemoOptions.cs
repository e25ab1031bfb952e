using Perceptor.Audio.Synthesis;

namespace Perceptor.Experiments.Demo;

/// <summary>
/// What <c>perceptor demo</c> does. The default (<see cref="Collapse"/>) reproduces the collapse our users report and
/// finds its cause: the tiny model is first trained on the whole synthetic corpus (the pretrained model a user starts
/// from), then fine-tuned from it on one training pair at batch 1 (a small effective data set), where eval PESQ peaks
/// and falls while the training loss keeps falling and the eval loss turns up; the arms (all training pairs, the
/// per-clip mask, discriminator LR = generator LR) tell overtraining apart from the other candidate causes.
/// <see cref="Quick"/> is the earlier, shorter demo: the reference skip-batch policy against the per-clip mask from
/// scratch, where no collapse happens.
/// </summary>
public sealed record DemoOptions
{
    /// <summary>The collapse demo: pretraining, then four arms fine-tuned from it, two seeds each (the default).</summary>
    public static DemoOptions Collapse { get; } = new();

    /// <summary>The quick demo: skip-batch against mask from scratch, 4 epochs of 25 batches of 4, two seeds, no pretraining.</summary>
    public static DemoOptions Quick { get; } = new()
    {
        OutDir = "demo-quick-out",
        Arms = ["baseline", "mask"],
        Epochs = 4,
        Settings = [],
        PretrainEpochs = 0,
    };

    /// <summary>Everything goes here: <c>data/</c>, <c>pretrain/</c>, the run folders, <c>report/</c>.</summary>
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

    /// <summary>
    /// Epochs of pretraining on the whole corpus before the arms (0: none, every arm starts from scratch). With
    /// <see cref="PretrainSettings"/>, 12 epochs of 25 single-clip batches: 300 steps.
    /// </summary>
    public int PretrainEpochs { get; init; } = 12;

    /// <summary>Seed of the pretraining run.</summary>
    public long PretrainSeed { get; init; } = 1;

    /// <summary>
    /// Settings of the pretraining run on top of the <see cref="Preset"/>: batches of one clip, 25 per epoch, a constant
    /// learning rate (the preset halves it every 2 epochs, which suits only its own 4-epoch runs), evaluated every 6
    /// epochs, the loss balance probed every 50 steps. Neither the evaluations nor the probe change what is trained.
    /// </summary>
    public IReadOnlyList<string> PretrainSettings { get; init; } =
        ["train.batchSize=1", "train.maxBatches=25", "optim.lrStepEpochs=100000", "eval.every=6", "probe.gradBalanceEvery=50"];

    /// <summary>
    /// The arms: the baseline (the reference skip-batch policy), all training pairs instead of one (H7: removes the
    /// small data set), the per-clip mask (H1: the skip policy) and discriminator LR = generator LR (H2).
    /// </summary>
    public IReadOnlyList<string> Arms { get; init; } = ["baseline", "train-files=all", "mask", "disc-lr=gen"];

    /// <summary>
    /// Training seeds: two, so that a collapse must happen in every seed to count and the verdict can weigh the arms'
    /// difference against the spread across seeds.
    /// </summary>
    public IReadOnlyList<long> Seeds { get; init; } = [1, 2];

    /// <summary>Epochs per run: with <see cref="Settings"/> an epoch is one step on one 1 s crop, so 240 steps.</summary>
    public int Epochs { get; init; } = 240;

    /// <summary>Training preset (tiny model, 1 s crops).</summary>
    public string Preset { get; init; } = "demo";

    /// <summary>
    /// Runs trained at once. Two child processes with one thread each use two cores far better than one process whose
    /// two intra-op threads wait on each other over the tiny model's small tensors (measured here: 15-34 s against
    /// 21-144 s for the same two short runs, the spread coming from other load on the machine).
    /// </summary>
    public int Parallel { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 2);

    /// <summary>
    /// Settings for every arm: one training pair (the baseline's small data set; the <c>train-files=all</c> arm uses
    /// all 60), batches of one clip, one batch per epoch so that every arm takes the same steps, a constant learning
    /// rate, an evaluation every 20 steps (the 8 test utterances, whole). A run stops once the collapse watch has
    /// confirmed a collapse (as one would stop a real run); a run that never collapses trains all its steps. With
    /// one-step epochs, <c>last.ckpt</c> is written at the evaluations only, and the loss balance probed every 40 steps.
    /// </summary>
    public IReadOnlyList<string> Settings { get; init; } =
    [
        "data.trainFiles=1", "train.batchSize=1", "train.maxBatches=1", "optim.lrStepEpochs=100000", "eval.every=20",
        "collapse.earlyStop=true", "checkpoint.everyEpochs=20", "probe.gradBalanceEvery=40",
    ];
}
