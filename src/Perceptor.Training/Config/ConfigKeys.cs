using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Perceptor.Training.Config;

/// <summary>
/// The catalogue of settable keys, read once from the <see cref="TrainingConfig"/> records so that a new property
/// is a new key without a second list to keep in step, and the JSON settings shared by files and overrides.
/// </summary>
public static class ConfigKeys
{
    private static readonly Lazy<IReadOnlyList<ConfigKey>> Catalogue = new(Build);

    /// <summary>JSON settings of config files: camelCase names, enums as kebab-case strings, unknown members rejected.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    /// <summary>Every key, in declaration order.</summary>
    public static IReadOnlyList<ConfigKey> All => Catalogue.Value;

    /// <summary>The key called <paramref name="path"/> (case-insensitive), or null.</summary>
    public static ConfigKey? Find(string path)
    {
        foreach (var key in All)
        {
            if (string.Equals(key.Path, path, StringComparison.OrdinalIgnoreCase))
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>A message for an unknown key: the keys of its section (or the sections) and the closest spelling.</summary>
    public static string UnknownKeyMessage(string path, string where)
    {
        string section = path.Contains('.', StringComparison.Ordinal) ? path[..path.IndexOf('.', StringComparison.Ordinal)] : "";
        var sameSection = All.Where(k => k.Path.StartsWith(section + ".", StringComparison.OrdinalIgnoreCase)).Select(k => k.Path).ToList();
        string known = sameSection.Count > 0
            ? $"known keys in '{section}': {string.Join(", ", sameSection)}"
            : $"known sections: {string.Join(", ", All.Select(k => k.Path.Split('.')[0]).Distinct())}";
        var closest = All.Select(k => (k.Path, Distance: Levenshtein(k.Path.ToLowerInvariant(), path.ToLowerInvariant())))
            .OrderBy(p => p.Distance).First();
        string hint = closest.Distance <= 3 ? $"; did you mean '{closest.Path}'?" : "";
        return $"unknown key '{path}'{where} ({known}{hint}; 'perceptor train --list-keys' lists all)";
    }

    /// <summary>The user-facing name of a value type.</summary>
    public static string DescribeType(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        string suffix = underlying is null ? "" : " or null";
        type = underlying ?? type;
        string name = type == typeof(int) || type == typeof(long) ? "integer"
            : type == typeof(double) ? "number"
            : type == typeof(bool) ? "true|false"
            : type == typeof(string) ? "text"
            : type.IsEnum ? string.Join("|", Enum.GetNames(type).Select(EnumText))
            : type.Name;
        return name + suffix;
    }

    /// <summary>An enum value as written in config files (kebab-case).</summary>
    public static string EnumText(string name) => JsonNamingPolicy.KebabCaseLower.ConvertName(name);

    /// <summary>A value as written in config files and key listings.</summary>
    public static string FormatValue(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        Enum e => EnumText(e.ToString()),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static List<ConfigKey> Build()
    {
        var keys = new List<ConfigKey>();
        var defaults = new TrainingConfig();
        foreach (var section in Settable(typeof(TrainingConfig)))
        {
            object sectionValue = section.GetValue(defaults)!;
            string prefix = JsonNamingPolicy.CamelCase.ConvertName(section.Name);
            foreach (var leaf in Settable(section.PropertyType))
            {
                string path = prefix + "." + JsonNamingPolicy.CamelCase.ConvertName(leaf.Name);
                string description = leaf.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "";
                keys.Add(new ConfigKey(path, leaf.PropertyType, FormatValue(leaf.GetValue(sectionValue)), description));
            }
        }

        return keys;
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null);

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
