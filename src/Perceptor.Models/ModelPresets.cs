namespace Perceptor.Models;

/// <summary>The built-in model sizes: <c>cmgan</c> (the paper), <c>small</c> and <c>tiny</c> (CPU).</summary>
public static class ModelPresets
{
    /// <summary>The paper's size: 64 channels, 4 conformer blocks.</summary>
    public static ModelPreset Cmgan { get; } = new("cmgan", new GeneratorConfig(), new DiscriminatorConfig());

    /// <summary>Every preset by name.</summary>
    public static IReadOnlyList<ModelPreset> All { get; } = [Cmgan];

    /// <summary>The preset called <paramref name="name"/> (case-insensitive); throws listing the known names otherwise.</summary>
    public static ModelPreset Get(string name)
    {
        foreach (var preset in All)
        {
            if (string.Equals(preset.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return preset;
            }
        }

        throw new ArgumentException($"unknown model preset '{name}' (known: {string.Join(", ", All.Select(p => p.Name))})", nameof(name));
    }
}
