namespace Perceptor.Experiments;

/// <summary>
/// What every run of an experiment shares, however its arms are given: the corpus, the experiment folder, the seeds,
/// the epochs, the preset, the config file and the settings for every arm. <see cref="ExperimentRequest"/> gives the
/// arms as text, <see cref="ExperimentSpec"/> as parsed arms.
/// </summary>
public abstract record ExperimentSetup
{
    /// <summary>Corpus folder (<c>train/clean</c>, <c>train/noisy</c>, <c>test/clean</c>, <c>test/noisy</c>).</summary>
    public required string DataDir { get; init; }

    /// <summary>Experiment folder: run folders, <c>experiment.json</c>, <c>report/</c>.</summary>
    public required string OutDir { get; init; }

    /// <summary>Training seeds; each arm runs once per seed.</summary>
    public IReadOnlyList<long> Seeds { get; init; } = [1];

    /// <summary>Epochs per run; null keeps the preset's (or the reference's 120).</summary>
    public int? Epochs { get; init; } = 10;

    /// <summary>Training or model preset passed to every run (<c>tiny</c>, <c>small</c>, <c>cmgan</c>, <c>demo</c>, ...).</summary>
    public string? Preset { get; init; }

    /// <summary>Optional JSON config file applied to every run after the preset.</summary>
    public string? ConfigFile { get; init; }

    /// <summary><c>key=value</c> settings applied to every arm (after the reference settings, before the arm's own; <c>--set</c>).</summary>
    public IReadOnlyList<string> CommonSettings { get; init; } = [];

    /// <summary>
    /// Generator weights every run starts from (<c>--init-generator</c>: a Perceptor, PyTorch or safetensors file, e.g.
    /// the checkpoint at the PESQ peak); null starts every run from its seeded initialisation.
    /// </summary>
    public string? InitGenerator { get; init; }

    /// <summary>Discriminator weights every run starts from (<c>--init-discriminator</c>); null: a fresh discriminator.</summary>
    public string? InitDiscriminator { get; init; }
}
