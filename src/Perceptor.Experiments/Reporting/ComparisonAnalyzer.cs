using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Perceptor.Diagnostics.Findings;
using Perceptor.Experiments.Arms;
using Perceptor.Experiments.Running;

namespace Perceptor.Experiments.Reporting;

/// <summary>
/// Reads an experiment folder into a <see cref="ComparisonReport"/>: every run folder <c>&lt;arm&gt;/seed-&lt;s&gt;/</c>
/// (or <c>&lt;arm&gt;/</c> holding a single run), with arm descriptions and hypotheses from <c>experiment.json</c>
/// when there is one. Folders gathered from a cluster without a manifest work too: an arm's settings are then
/// inferred by comparing its <c>config.json</c> with the baseline's.
/// </summary>
public static partial class ComparisonAnalyzer
{
    // Keys that differ between runs without making them different arms.
    private static readonly string[] IgnoredKeys = ["train.seed", "data.cacheDir"];
    private static readonly string[] IgnoredSections = ["runtime.", "log.", "checkpoint."];

    /// <summary>Analyses the experiment in <paramref name="directory"/>.</summary>
    public static ComparisonReport Analyze(string directory, VerdictOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        options ??= new VerdictOptions();
        string root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{root}: folder not found");
        }

        var notes = new List<string>();
        ExperimentManifest? manifest = null;
        try
        {
            manifest = ExperimentManifest.Load(root);
        }
        catch (InvalidDataException e)
        {
            notes.Add(e.Message + "; arms are inferred from the run folders instead.");
        }

        var found = FindRuns(root);
        var armNames = new List<string>();
        if (manifest is not null)
        {
            armNames.AddRange(manifest.Arms.Select(a => a.Name));
        }

        armNames.AddRange(found.Select(r => r.Arm).Distinct().Where(a => !armNames.Contains(a)).Order(StringComparer.Ordinal));
        if (armNames.Remove(Arm.BaselineName))
        {
            armNames.Insert(0, Arm.BaselineName);
        }

        string? baselineConfig = found.Where(r => r.Arm == Arm.BaselineName).Select(r => Path.Combine(r.Path, "config.json"))
            .FirstOrDefault(File.Exists);
        var arms = new List<ArmSummary>();
        foreach (string name in armNames)
        {
            var runs = found.Where(r => r.Arm == name).OrderBy(r => r.Seed ?? long.MaxValue)
                .Select(r => RunSummarizer.Summarize(r.Path, name, r.Seed, r.Folder)).ToList();
            foreach (var run in runs)
            {
                notes.AddRange(run.Problems.Select(p => $"{run.Folder}: {p}"));
            }

            var recorded = manifest?.Arms.FirstOrDefault(a => a.Name == name);
            if (recorded is not null)
            {
                foreach (var planned in manifest!.Runs.Where(r => r.Arm == name && runs.All(x => x.Seed != r.Seed)))
                {
                    notes.Add($"{planned.Folder}: planned but not found (status {planned.Status.ToString().ToLowerInvariant()}).");
                }

                arms.Add(new ArmSummary
                {
                    Name = name,
                    Description = recorded.Description,
                    Settings = recorded.Settings,
                    Hypotheses = recorded.Hypotheses,
                    IsBaseline = name == Arm.BaselineName,
                    Runs = runs,
                });
                continue;
            }

            if (runs.Count == 0)
            {
                continue;
            }

            var settings = name == Arm.BaselineName || baselineConfig is null ? [] : InferSettings(baselineConfig, runs, found, name);
            var hypotheses = settings.SelectMany(s => Hypotheses.ForKey(s.Split('=', 2)[0])).Select(h => h.Id).Distinct().Order(StringComparer.Ordinal).ToList();
            string description = name == Arm.BaselineName ? ArmParser.Baseline.Description
                : settings.Count > 0 ? "inferred from config.json: " + string.Join(", ", settings)
                : baselineConfig is null ? "no baseline config.json to compare with" : "config.json does not differ from the baseline's";
            arms.Add(new ArmSummary
            {
                Name = name,
                Description = description,
                Settings = settings,
                Hypotheses = hypotheses,
                IsBaseline = name == Arm.BaselineName,
                Runs = runs,
            });
        }

        var baseline = arms.FirstOrDefault(a => a.IsBaseline);
        if (arms.Count == 0)
        {
            notes.Add($"No run folders under {root} (expected <arm>/seed-<n>/metrics.jsonl).");
        }
        else if (baseline is null || baseline.Runs.Count == 0)
        {
            notes.Add("No baseline runs (a folder named 'baseline'), so no arm can be compared with the reference and there are no verdicts.");
        }

        var verdicts = baseline is { Runs.Count: > 0 } ? VerdictRules.Judge(baseline, arms, options) : [];
        return new ComparisonReport
        {
            Directory = root,
            Manifest = manifest,
            Arms = arms,
            Verdicts = verdicts,
            Notes = notes,
            Options = options,
        };
    }

    /// <summary>True when <paramref name="directory"/> is a single run folder (it holds <c>metrics.jsonl</c>).</summary>
    public static bool IsRunFolder(string directory) => File.Exists(Path.Combine(directory, RunFolderState.MetricsFile));

    private static List<FoundRun> FindRuns(string root)
    {
        var runs = new List<FoundRun>();
        foreach (string armDir in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            string arm = Path.GetFileName(armDir);
            if (arm.StartsWith('.') || arm is "report" or "logs")
            {
                continue;
            }

            if (IsRunFolder(armDir))
            {
                runs.Add(new FoundRun(arm, null, armDir, arm));
                continue;
            }

            foreach (string seedDir in Directory.EnumerateDirectories(armDir))
            {
                var match = SeedFolder().Match(Path.GetFileName(seedDir));
                if (match.Success && (IsRunFolder(seedDir) || Directory.EnumerateFileSystemEntries(seedDir).Any()))
                {
                    long seed = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                    runs.Add(new FoundRun(arm, seed, seedDir, arm + "/" + Path.GetFileName(seedDir)));
                }
            }
        }

        return runs;
    }

    private static List<string> InferSettings(string baselineConfig, List<RunSummary> runs, List<FoundRun> found, string arm)
    {
        string? config = found.Where(r => r.Arm == arm).Select(r => Path.Combine(r.Path, "config.json")).FirstOrDefault(File.Exists);
        if (config is null || runs.Count == 0)
        {
            return [];
        }

        try
        {
            var a = Leaves(baselineConfig);
            var b = Leaves(config);
            return b.Where(kv => !IgnoredKeys.Contains(kv.Key, StringComparer.OrdinalIgnoreCase) &&
                                 !IgnoredSections.Any(s => kv.Key.StartsWith(s, StringComparison.OrdinalIgnoreCase)) &&
                                 (!a.TryGetValue(kv.Key, out string? v) || v != kv.Value))
                .Select(kv => kv.Key + "=" + kv.Value).ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static Dictionary<string, string> Leaves(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var leaves = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in doc.RootElement.EnumerateObject())
        {
            if (section.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var leaf in section.Value.EnumerateObject())
            {
                leaves[section.Name + "." + leaf.Name] = leaf.Value.ValueKind == JsonValueKind.String ? leaf.Value.GetString()! : leaf.Value.GetRawText();
            }
        }

        return leaves;
    }

    [GeneratedRegex("^seed-([0-9]{1,18})$")]
    private static partial Regex SeedFolder();

    private sealed record FoundRun(string Arm, long? Seed, string Path, string Folder);
}
