namespace Perceptor.Experiments.Running;

/// <summary>One training run to start or resume, as handed to an <see cref="IRunTrainer"/>.</summary>
/// <param name="DataDir">Corpus folder.</param>
/// <param name="RunDir">Run folder (absolute).</param>
/// <param name="RunName">Name for logs, <c>&lt;arm&gt;/seed-&lt;s&gt;</c>.</param>
/// <param name="Preset">Training or model preset, or null.</param>
/// <param name="ConfigFile">JSON config file, or null.</param>
/// <param name="Overrides"><c>key=value</c> settings in order.</param>
/// <param name="Resume">Continue from the run folder's last checkpoint.</param>
/// <param name="LogPath">Where a child process's output goes, or null.</param>
public sealed record TrainRequest(
    string DataDir,
    string RunDir,
    string RunName,
    string? Preset,
    string? ConfigFile,
    IReadOnlyList<string> Overrides,
    bool Resume,
    string? LogPath);
