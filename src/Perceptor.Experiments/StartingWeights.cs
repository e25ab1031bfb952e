using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Perceptor.Models;
using Perceptor.Training.Checkpoints;

namespace Perceptor.Experiments;

/// <summary>
/// Weights every run of an experiment starts from (<c>--init-generator</c>, <c>--init-discriminator</c>), checked
/// before any run starts and recorded in <c>experiment.json</c> with the file's SHA-256, so that a continued experiment
/// notices a file that changed in between instead of mixing two starting points.
/// </summary>
/// <param name="Part">Which network the weights are for.</param>
/// <param name="Path">The file, absolute.</param>
/// <param name="Sha256">SHA-256 of the file, lower-case hex.</param>
/// <param name="Format">The file's format (<c>Perceptor</c>, <c>PyTorch</c>, <c>Safetensors</c>).</param>
/// <param name="Network">The network size the weights describe, in words.</param>
public sealed record StartingWeights(ModelPart Part, string Path, string Sha256, string Format, string Network)
{
    /// <summary>The <c>--init-*</c> option that names weights for <paramref name="part"/>.</summary>
    public static string OptionName(ModelPart part) => part == ModelPart.Generator ? "--init-generator" : "--init-discriminator";

    /// <summary>The config key a run reads them from (<c>model.initGenerator</c>, <c>model.initDiscriminator</c>).</summary>
    public static string ConfigKey(ModelPart part) => part == ModelPart.Generator ? "model.initGenerator" : "model.initDiscriminator";

    /// <summary>The override that makes a run start from these weights.</summary>
    [JsonIgnore]
    public string Setting => ConfigKey(Part) + "=" + Path;

    /// <summary>The network in words, e.g. <c>generator</c>.</summary>
    [JsonIgnore]
    public string PartName => Part == ModelPart.Generator ? "generator" : "discriminator";

    /// <summary>The first 12 hex digits of <see cref="Sha256"/>, for messages.</summary>
    [JsonIgnore]
    public string ShortSha256 => Sha256.Length > 12 ? Sha256[..12] + "…" : Sha256;

    /// <summary>
    /// Null while <see cref="Path"/> still holds the bytes that were checked; otherwise why a run must not start from it
    /// (the file is gone or changed), in one line naming the file.
    /// </summary>
    public string? Changed()
    {
        if (!File.Exists(Path))
        {
            return $"{Path}: {OptionName(Part)} file is gone; every run of this experiment must start from it (restore it)";
        }

        string now = HashOf(Path);
        return now == Sha256 ? null
            : $"{Path}: {OptionName(Part)} file changed since the experiment checked it (sha256 {ShortSha256} then, {now[..12]}… now); " +
              "its runs would start from different weights: restore the file or choose another --out";
    }

    /// <summary>
    /// Reads <paramref name="path"/> as <paramref name="part"/>'s weights exactly as a run would (the network size taken
    /// from the file), loads them into a network of that size, and hashes the file. Throws
    /// <see cref="CheckpointException"/> (or <see cref="FileNotFoundException"/>) with one line naming the file.
    /// </summary>
    public static StartingWeights Read(string path, ModelPart part)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new CheckpointException(full, $"is a folder, not a weights file ({OptionName(part)} takes a .ckpt, .pt/.pth or .safetensors file)");
        }

        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"{full}: {OptionName(part)} file not found", full);
        }

        string network;
        string format;
        using (var weights = StateDictFiles.Read(full, part))
        {
            format = weights.Format.ToString();
            if (part == ModelPart.Generator)
            {
                var config = weights.StoredPreset?.Generator ?? StateDictFiles.InferGenerator(weights);
                using var module = new CmganGenerator(config);
                weights.LoadInto(module);
                network = string.Create(CultureInfo.InvariantCulture,
                    $"generator with {config.Channels} channels, {config.ConformerBlocks} conformer blocks, dense depth {config.DenseDepth}");
            }
            else
            {
                var config = weights.StoredPreset?.Discriminator ?? StateDictFiles.InferDiscriminator(weights);
                using var module = new MetricDiscriminator(config);
                weights.LoadInto(module);
                network = string.Create(CultureInfo.InvariantCulture,
                    $"discriminator with {config.BaseChannels} base channels, {config.ConvStages} conv stages");
            }
        }

        return new StartingWeights(part, full, HashOf(full), format, network);
    }

    /// <summary>
    /// The checkpoint that <c>--init-from RUNDIR[:best|:last]</c> names: <c>RUNDIR/checkpoints/best.ckpt</c> (the default:
    /// the best eval PESQ, normally the peak before a collapse) or <c>last.ckpt</c>. Throws naming the folder or file when
    /// it is not there; a run folder keeps no other epochs, so <c>:epoch N</c> is refused with where to give one.
    /// </summary>
    public static string CheckpointOfRun(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        string dir = text;
        string which = "best";
        int colon = text.LastIndexOf(':');
        if (colon > 0)
        {
            string tail = text[(colon + 1)..].Trim().ToLowerInvariant();
            if (tail is "best" or "last")
            {
                dir = text[..colon];
                which = tail;
            }
            else if (tail.StartsWith("epoch", StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"--init-from {text}: a run folder keeps only checkpoints/best.ckpt and last.ckpt; give another epoch's weights with --init-generator FILE");
            }
        }

        var folder = new Perceptor.Training.Run.RunFolder(dir);
        if (File.Exists(folder.Root))
        {
            throw new ArgumentException($"{folder.Root}: --init-from takes a run folder; give a weights file with --init-generator (and --init-discriminator)");
        }

        if (!Directory.Exists(folder.Root))
        {
            throw new DirectoryNotFoundException($"{folder.Root}: --init-from run folder not found");
        }

        string path = which == "best" ? folder.BestCheckpoint : folder.LastCheckpoint;
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path}: --init-from {which}: the run has no such checkpoint", path);
    }

    /// <summary>SHA-256 of <paramref name="path"/>, lower-case hex.</summary>
    public static string HashOf(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>One line for logs and reports: <c>generator weights /x/peak.ckpt (sha256 0123abcd…, Perceptor)</c>.</summary>
    public override string ToString() => $"{PartName} weights {Path} (sha256 {ShortSha256}, {Format}, {Network})";
}
