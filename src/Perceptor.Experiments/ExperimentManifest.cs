using System.Text.Json;
using System.Text.Json.Serialization;
using Perceptor.Audio.IO;

namespace Perceptor.Experiments;

/// <summary>
/// <c>experiment.json</c>: what the experiment is (corpus, preset, epochs, seeds, settings, arms) and where each run
/// stands. Written atomically after every change so a killed experiment leaves a readable file; the run folders
/// remain the truth about progress (a run recorded as running is checked against its folder on continue).
/// </summary>
public sealed class ExperimentManifest
{
    /// <summary>File name inside the experiment folder.</summary>
    public const string FileName = "experiment.json";

    /// <summary>Format tag of this version of the file.</summary>
    public const string CurrentFormat = "perceptor-experiment/1";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    /// <summary>Format tag.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>When the experiment was first planned.</summary>
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Last write.</summary>
    public DateTimeOffset Updated { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Absolute corpus folder.</summary>
    public required string Data { get; init; }

    /// <summary>Preset handed to every run.</summary>
    public string? Preset { get; init; }

    /// <summary>Config file handed to every run.</summary>
    public string? Config { get; init; }

    /// <summary>Epochs per run (null: the preset's).</summary>
    public int? Epochs { get; init; }

    /// <summary>Settings applied to every arm.</summary>
    public IReadOnlyList<string> CommonSettings { get; init; } = [];

    /// <summary>
    /// Weights every run started from (<c>--init-generator</c>, <c>--init-discriminator</c>) with their SHA-256; empty
    /// when every run starts from its seed.
    /// </summary>
    public List<StartingWeights> InitialWeights { get; init; } = [];

    /// <summary>Where the runs execute: <c>local</c>, <c>slurm</c>, <c>pbs</c> (Torque) or <c>pbspro</c>.</summary>
    public string Runner { get; set; } = "local";

    /// <summary>Every seed planned so far.</summary>
    public List<long> Seeds { get; init; } = [];

    /// <summary>Every arm planned so far, baseline first.</summary>
    public List<ManifestArm> Arms { get; init; } = [];

    /// <summary>Every run planned so far.</summary>
    public List<ManifestRun> Runs { get; init; } = [];

    /// <summary>The manifest of a new experiment.</summary>
    public static ExperimentManifest Create(ExperimentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var spec = plan.Spec;
        var manifest = new ExperimentManifest
        {
            Data = Path.GetFullPath(spec.DataDir),
            Preset = spec.Preset,
            Config = spec.ConfigFile is null ? null : Path.GetFullPath(spec.ConfigFile),
            Epochs = spec.Epochs,
            CommonSettings = spec.CommonSettings.ToList(),
            InitialWeights = plan.InitialWeights.ToList(),
        };
        manifest.Add(plan);
        return manifest;
    }

    /// <summary>The run recorded for <paramref name="folder"/>, or null.</summary>
    public ManifestRun? Find(string folder) => Runs.FirstOrDefault(r => r.Folder == folder);

    /// <summary>
    /// Checks that <paramref name="plan"/> continues this experiment (same corpus, preset, config, epochs and common
    /// settings; an arm already recorded keeps its settings) and adds its new arms, seeds and runs. Throws
    /// <see cref="ArgumentException"/> naming the first difference.
    /// </summary>
    public void Add(ExperimentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var spec = plan.Spec;
        Same("corpus (--data)", Data, Path.GetFullPath(spec.DataDir));
        Same("preset (--preset)", Preset ?? "", spec.Preset ?? "");
        Same("config file (--config)", Config ?? "", spec.ConfigFile is null ? "" : Path.GetFullPath(spec.ConfigFile));
        Same("epochs (--epochs)", Epochs?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "the preset's",
            spec.Epochs?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "the preset's");
        Same("experiment-wide settings (--set)", string.Join(" ", CommonSettings), string.Join(" ", spec.CommonSettings));
        SameStart(plan.InitialWeights);

        foreach (var arm in spec.Arms)
        {
            var known = Arms.FirstOrDefault(a => a.Name == arm.Name);
            if (known is null)
            {
                Arms.Add(new ManifestArm(arm.Name, arm.Description, arm.Settings.ToList(), arm.HypothesisIds.ToList()));
            }
            else if (!known.Settings.SequenceEqual(arm.Settings))
            {
                throw new ArgumentException(
                    $"arm '{arm.Name}' was recorded with settings [{string.Join(", ", known.Settings)}], now [{string.Join(", ", arm.Settings)}]; " +
                    "give the changed arm another name (name:key=value,...)");
            }
        }

        foreach (long seed in spec.Seeds)
        {
            if (!Seeds.Contains(seed))
            {
                Seeds.Add(seed);
            }
        }

        foreach (var run in plan.Runs)
        {
            var known = Find(run.Folder);
            if (known is null)
            {
                Runs.Add(new ManifestRun { Arm = run.Arm.Name, Seed = run.Seed, Folder = run.Folder, Overrides = run.Overrides.ToList() });
            }
            else if (!known.Overrides.SequenceEqual(run.Overrides))
            {
                throw new ArgumentException($"run {run.Folder} was recorded with other overrides; use another --out to change them");
            }
        }
    }

    /// <summary>Writes the manifest into <paramref name="outDir"/> through a temporary file.</summary>
    public void Save(string outDir)
    {
        Updated = DateTimeOffset.UtcNow;
        Directory.CreateDirectory(outDir);
        string path = Path.Combine(outDir, FileName);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions) + "\n");
    }

    /// <summary>Reads <c>experiment.json</c> from <paramref name="outDir"/>, or null when there is none.</summary>
    public static ExperimentManifest? Load(string outDir)
    {
        string path = Path.Combine(outDir, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var manifest = JsonSerializer.Deserialize<ExperimentManifest>(File.ReadAllText(path), JsonOptions)
                ?? throw new InvalidDataException($"{path}: empty experiment manifest");
            if (manifest.Format != CurrentFormat)
            {
                throw new InvalidDataException($"{path}: format '{manifest.Format}' is not '{CurrentFormat}'");
            }

            return manifest;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: unreadable experiment manifest ({e.Message})", e);
        }
    }

    // A run not yet started would start from the file as it is now, the finished ones from what it was: refuse to mix.
    private void SameStart(IReadOnlyList<StartingWeights> requested)
    {
        foreach (var part in new[] { Perceptor.Training.Checkpoints.ModelPart.Generator, Perceptor.Training.Checkpoints.ModelPart.Discriminator })
        {
            var recorded = InitialWeights.FirstOrDefault(w => w.Part == part);
            var now = requested.FirstOrDefault(w => w.Part == part);
            string option = StartingWeights.OptionName(part);
            Same($"starting weights ({option})", recorded?.Path ?? "none", now?.Path ?? "none");
            if (recorded is not null && now is not null && recorded.Sha256 != now.Sha256)
            {
                throw new ArgumentException(
                    $"{now.Path}: {option} file changed since this experiment started (sha256 {recorded.ShortSha256} then, " +
                    $"{now.ShortSha256} now); its runs would start from different weights: restore the file or choose another --out");
            }
        }
    }

    private static void Same(string what, string recorded, string requested)
    {
        if (!string.Equals(recorded, requested, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"this folder holds an experiment with {what} = '{recorded}', not '{requested}'; continue it with the same value or choose another --out");
        }
    }
}
