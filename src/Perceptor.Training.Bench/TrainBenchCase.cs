namespace Perceptor.Training.Bench;

/// <summary>
/// One configuration to time: a model preset (with optional <c>model.*</c> overrides such as <c>model.channels=16</c>),
/// a batch size, a crop length and how many steps.
/// </summary>
public sealed record TrainBenchCase(string Preset, int BatchSize, double CropSeconds = 2.0, int Steps = 5, int Warmup = 1, int Threads = 0,
    IReadOnlyList<string>? Overrides = null)
{
    /// <summary>The preset and its overrides, as printed.</summary>
    public string Label => Overrides is { Count: > 0 } o ? $"{Preset}[{string.Join(",", o.Select(x => x.Replace("model.", "", StringComparison.Ordinal)))}]" : Preset;
}
