namespace Perceptor.Models;

/// <summary>A named pair of generator and discriminator sizes.</summary>
public sealed record ModelPreset(string Name, GeneratorConfig Generator, DiscriminatorConfig Discriminator);
