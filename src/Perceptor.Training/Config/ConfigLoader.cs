using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Perceptor.Training.Config;

/// <summary>
/// Builds a <see cref="TrainingConfig"/> from layers, each overriding the one before: the reference defaults, a
/// built-in preset (<c>--preset</c>), a JSON file (<c>--config</c>), then <c>key=value</c> overrides (<c>--set</c>).
/// Unknown keys are errors naming the key and the known ones; the result is validated.
/// </summary>
public static class ConfigLoader
{
    private const string ResourcePrefix = "Perceptor.Training.Presets.";

    /// <summary>The built-in training presets (<c>configs/train/*.json</c>, embedded).</summary>
    public static IReadOnlyList<string> PresetNames { get; } = typeof(ConfigLoader).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".json".Length]).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Resolves a configuration: defaults, then <paramref name="preset"/> (a training preset such as <c>voicebank</c> or
    /// <c>demo</c>, or a model preset such as <c>tiny</c>, which sets <c>model.preset</c>), then <paramref name="configFile"/>,
    /// then <paramref name="overrides"/> (<c>key=value</c>). Throws <see cref="ConfigException"/> on any problem.
    /// </summary>
    public static TrainingConfig Load(string? preset = null, string? configFile = null, IEnumerable<string>? overrides = null)
    {
        var node = ToNode(new TrainingConfig());
        if (!string.IsNullOrWhiteSpace(preset))
        {
            ApplyPreset(node, preset);
        }

        if (!string.IsNullOrWhiteSpace(configFile))
        {
            Merge(node, ReadFile(configFile), configFile);
        }

        ApplyOverrides(node, overrides ?? []);
        return Finish(node, "the configuration");
    }

    /// <summary>Applies <c>key=value</c> overrides to <paramref name="config"/> and validates the result.</summary>
    public static TrainingConfig WithOverrides(TrainingConfig config, IEnumerable<string> overrides)
    {
        ArgumentNullException.ThrowIfNull(config);
        var node = ToNode(config);
        ApplyOverrides(node, overrides ?? []);
        return Finish(node, "the configuration");
    }

    /// <summary>Reads a complete or partial config file over the defaults (used for a run folder's <c>config.json</c>).</summary>
    public static TrainingConfig FromFile(string path)
    {
        var node = ToNode(new TrainingConfig());
        Merge(node, ReadFile(path), path);
        return Finish(node, path);
    }

    /// <summary>Parses config JSON text over the defaults; <paramref name="source"/> names it in errors.</summary>
    public static TrainingConfig Parse(string json, string source)
    {
        var node = ToNode(new TrainingConfig());
        Merge(node, ParseText(json, source), source);
        return Finish(node, source);
    }

    /// <summary>The full configuration as indented JSON (every key), as written to a run folder.</summary>
    public static string ToJson(TrainingConfig config) => JsonSerializer.Serialize(config, ConfigKeys.JsonOptions);

    /// <summary>The text of a built-in preset, or null when there is none of that name.</summary>
    public static string? PresetText(string name)
    {
        using var stream = typeof(ConfigLoader).Assembly.GetManifestResourceStream(ResourcePrefix + name.ToLowerInvariant() + ".json");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void ApplyPreset(JsonObject node, string preset)
    {
        string? text = PresetText(preset);
        if (text is not null)
        {
            Merge(node, ParseText(text, $"preset '{preset}'"), $"preset '{preset}'");
            return;
        }

        if (Models.ModelPresets.All.Any(p => string.Equals(p.Name, preset, StringComparison.OrdinalIgnoreCase)))
        {
            ((JsonObject)node["model"]!)["preset"] = preset.ToLowerInvariant();
            return;
        }

        throw new ConfigException($"unknown preset '{preset}' (training presets: {string.Join(", ", PresetNames)}; " +
            $"model presets: {string.Join(", ", Models.ModelPresets.All.Select(p => p.Name))})");
    }

    private static JsonObject ToNode(TrainingConfig config) =>
        (JsonObject)JsonSerializer.SerializeToNode(config, ConfigKeys.JsonOptions)!;

    private static JsonNode ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read the config file ({e.Message})", e);
        }

        return ParseText(text, path);
    }

    private static JsonNode ParseText(string text, string source)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
                ?? throw new ConfigException($"{source}: empty config");
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{source}: not valid JSON ({e.Message})", e);
        }
    }

    /// <summary>Copies every leaf of <paramref name="layer"/> onto <paramref name="target"/>, rejecting unknown keys.</summary>
    private static void Merge(JsonObject target, JsonNode layer, string source)
    {
        if (layer is not JsonObject sections)
        {
            throw new ConfigException($"{source}: a config must be a JSON object of sections (model, train, loss, ...)");
        }

        foreach (var (sectionName, sectionNode) in sections)
        {
            if (sectionNode is not JsonObject leaves)
            {
                throw new ConfigException(ConfigKeys.Find(sectionName) is null && !IsSection(sectionName)
                    ? ConfigKeys.UnknownKeyMessage(sectionName, $" in {source}")
                    : $"{source}: '{sectionName}' must be an object of keys");
            }

            foreach (var (leafName, value) in leaves)
            {
                string path = sectionName + "." + leafName;
                var key = ConfigKeys.Find(path) ?? throw new ConfigException(ConfigKeys.UnknownKeyMessage(path, $" in {source}"));
                var (section, leaf) = Split(key.Path);
                ((JsonObject)target[section]!)[leaf] = value?.DeepClone();
            }
        }
    }

    private static bool IsSection(string name) =>
        ConfigKeys.All.Any(k => k.Path.StartsWith(name + ".", StringComparison.OrdinalIgnoreCase));

    private static void ApplyOverrides(JsonObject target, IEnumerable<string> overrides)
    {
        foreach (string item in overrides)
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ConfigException($"--set '{item}': expected key=value, e.g. train.batchSize=4");
            }

            string path = item[..eq].Trim();
            string text = item[(eq + 1)..].Trim();
            var key = ConfigKeys.Find(path) ?? throw new ConfigException(ConfigKeys.UnknownKeyMessage(path, " in --set"));
            var (section, leaf) = Split(key.Path);
            ((JsonObject)target[section]!)[leaf] = ConvertValue(key, text);
        }
    }

    private static JsonValue? ConvertValue(ConfigKey key, string text)
    {
        var type = Nullable.GetUnderlyingType(key.ValueType);
        if (type is not null && (text.Length == 0 || text.Equals("null", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        type ??= key.ValueType;
        var inv = CultureInfo.InvariantCulture;
        if (type == typeof(string))
        {
            return JsonValue.Create(text);
        }

        if (type == typeof(int) && int.TryParse(text, NumberStyles.Integer, inv, out int i))
        {
            return JsonValue.Create(i);
        }

        if (type == typeof(long) && long.TryParse(text, NumberStyles.Integer, inv, out long l))
        {
            return JsonValue.Create(l);
        }

        if (type == typeof(double) && double.TryParse(text, NumberStyles.Float, inv, out double d))
        {
            // NaN, Infinity and overflowing literals (1e999 parses as infinity) are never a usable setting, and JSON
            // cannot hold them: name the key and the rule here rather than fail later on the resolved config.
            return double.IsFinite(d) ? JsonValue.Create(d) : throw new ConfigException($"--set {key.Path}={text}: must be a finite number");
        }

        if (type == typeof(bool) && bool.TryParse(text, out bool b))
        {
            return JsonValue.Create(b);
        }

        if (type.IsEnum)
        {
            foreach (string name in Enum.GetNames(type))
            {
                if (string.Equals(ConfigKeys.EnumText(name), text, StringComparison.OrdinalIgnoreCase) ||
                    string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
                {
                    return JsonValue.Create(ConfigKeys.EnumText(name));
                }
            }
        }

        throw new ConfigException($"--set {key.Path}={text}: expected {key.TypeName}");
    }

    private static (string Section, string Leaf) Split(string path)
    {
        int dot = path.IndexOf('.', StringComparison.Ordinal);
        return (path[..dot], path[(dot + 1)..]);
    }

    private static TrainingConfig Finish(JsonObject node, string source)
    {
        TrainingConfig config;
        try
        {
            config = node.Deserialize<TrainingConfig>(ConfigKeys.JsonOptions) ?? throw new ConfigException($"{source}: empty config");
        }
        catch (JsonException e)
        {
            string where = string.IsNullOrEmpty(e.Path) ? "" : $" at '{e.Path.TrimStart('$', '.')}'";
            var key = string.IsNullOrEmpty(e.Path) ? null : ConfigKeys.Find(e.Path.TrimStart('$', '.'));
            string expected = key is null ? "" : $": expected {key.TypeName}";
            throw new ConfigException($"{source}: wrong value{where}{expected} ({e.Message})", e);
        }

        var problems = ConfigValidator.Problems(config);
        if (problems.Count > 0)
        {
            throw new ConfigException($"{source}: invalid values:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems));
        }

        return config;
    }
}
