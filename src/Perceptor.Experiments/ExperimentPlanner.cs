using System.Globalization;
using Perceptor.Experiments.Arms;
using Perceptor.Training.Checkpoints;
using Perceptor.Training.Config;

namespace Perceptor.Experiments;

/// <summary>
/// Checks an <see cref="ExperimentSpec"/> and expands it into runs. Every run's settings are resolved through the
/// training configuration loader first, so a typo in a key or an out-of-range value fails before any training starts.
/// </summary>
public static class ExperimentPlanner
{
    /// <summary>
    /// Parses <c>--arms</c> text against the reference configuration of this experiment (needed for <c>disc-lr=gen</c>).
    /// </summary>
    public static IReadOnlyList<Arm> ParseArms(IEnumerable<string> specs, string? preset, string? configFile, IReadOnlyList<string> commonSettings)
    {
        var reference = Load(preset, configFile, [.. ArmParser.ReferenceSettings, .. commonSettings], "the experiment-wide settings");
        return ArmParser.Parse(specs, reference.Optim.GenLr);
    }

    /// <summary>Expands <paramref name="spec"/> into runs: for each seed, every arm (baseline first).</summary>
    public static ExperimentPlan Plan(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Arms.Count == 0)
        {
            throw new ArgumentException("an experiment needs at least one arm");
        }

        if (!spec.Arms[0].IsBaseline)
        {
            throw new ArgumentException("the first arm must be the baseline (the reference every arm is compared with)");
        }

        if (spec.Seeds.Count == 0)
        {
            throw new ArgumentException("an experiment needs at least one seed");
        }

        var repeated = spec.Seeds.GroupBy(s => s).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new ArgumentException($"seed {repeated.Key} is listed twice");
        }

        if (spec.Seeds.Any(s => s < 0))
        {
            throw new ArgumentException("seeds must be 0 or more (they name folders seed-<s>)");
        }

        if (spec.Epochs is < 1)
        {
            throw new ArgumentException($"epochs must be at least 1, got {spec.Epochs}");
        }

        foreach (string setting in spec.CommonSettings)
        {
            string key = setting.Split('=', 2)[0].Trim();
            if (key.Equals("train.seed", StringComparison.OrdinalIgnoreCase) || key.Equals("train.epochs", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"--set {setting}: the experiment sets {key} itself (use --seeds / --epochs)");
            }

            RefuseInitKey(key, $"--set {setting}");
        }

        foreach (var arm in spec.Arms)
        {
            foreach (string setting in arm.Settings)
            {
                RefuseInitKey(setting.Split('=', 2)[0].Trim(), $"arm '{arm.Name}' ({setting})");
            }
        }

        // Read before any config is resolved or run planned: a missing or unfitting file stops the experiment here.
        var initial = new List<StartingWeights>();
        if (spec.InitGenerator is { } generator)
        {
            initial.Add(StartingWeights.Read(generator, ModelPart.Generator));
        }

        if (spec.InitDiscriminator is { } discriminator)
        {
            initial.Add(StartingWeights.Read(discriminator, ModelPart.Discriminator));
        }

        var runs = new List<PlannedRun>();
        string? baselineJson = null;
        foreach (long seed in spec.Seeds)
        {
            foreach (var arm in spec.Arms)
            {
                var overrides = new List<string>(ArmParser.ReferenceSettings);
                overrides.AddRange(spec.CommonSettings);
                overrides.AddRange(initial.Select(w => w.Setting));
                overrides.AddRange(arm.Settings);
                if (spec.Epochs is { } epochs)
                {
                    overrides.Add("train.epochs=" + epochs.ToString(CultureInfo.InvariantCulture));
                }

                overrides.Add("train.seed=" + seed.ToString(CultureInfo.InvariantCulture));
                var config = Load(spec.Preset, spec.ConfigFile, overrides, $"arm '{arm.Name}'");
                if (seed == spec.Seeds[0])
                {
                    string json = ConfigLoader.ToJson(config);
                    if (arm.IsBaseline)
                    {
                        baselineJson = json;
                    }
                    else if (json == baselineJson)
                    {
                        throw new ArgumentException(
                            $"arm '{arm.Name}' trains exactly as the baseline under the experiment-wide settings " +
                            $"({string.Join(", ", spec.CommonSettings)}); it would test nothing");
                    }
                }

                runs.Add(new PlannedRun(arm, seed, arm.Name + "/" + PlannedRun.SeedFolder(seed), LastWins(overrides)));
            }
        }

        return new ExperimentPlan(spec, runs) { InitialWeights = initial };
    }

    // Every arm starts from the same weights or the comparison means nothing; the options check and record them.
    private static void RefuseInitKey(string key, string where)
    {
        foreach (var part in new[] { ModelPart.Generator, ModelPart.Discriminator })
        {
            if (key.Equals(StartingWeights.ConfigKey(part), StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException(
                    $"{where}: every arm starts from the same weights; give them with {StartingWeights.OptionName(part)} (checked and recorded with their SHA-256)");
            }
        }
    }

    /// <summary>
    /// Keeps one setting per key, the last given, at the place of that last occurrence: the trainer would apply them
    /// the same way, and a reader of the run's command line sees each key once.
    /// </summary>
    internal static IReadOnlyList<string> LastWins(IReadOnlyList<string> overrides)
    {
        var result = new List<string>(overrides.Count);
        for (int i = 0; i < overrides.Count; i++)
        {
            string key = overrides[i].Split('=', 2)[0].Trim();
            bool later = false;
            for (int j = i + 1; j < overrides.Count; j++)
            {
                later |= string.Equals(overrides[j].Split('=', 2)[0].Trim(), key, StringComparison.OrdinalIgnoreCase);
            }

            if (!later)
            {
                result.Add(overrides[i]);
            }
        }

        return result;
    }

    private static TrainingConfig Load(string? preset, string? configFile, IReadOnlyList<string> overrides, string what)
    {
        try
        {
            return ConfigLoader.Load(preset, configFile, overrides);
        }
        catch (ConfigException e)
        {
            throw new ArgumentException($"{what}: {e.Message}", e);
        }
    }
}
