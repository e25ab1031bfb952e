namespace Perceptor.Models;

/// <summary>Uniform error for a config field that cannot build a model.</summary>
internal static class ConfigGuard
{
    public static void Require(string config, bool condition, string field, object value, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"{config} config: {field} {problem} (got {value})", field);
        }
    }
}
