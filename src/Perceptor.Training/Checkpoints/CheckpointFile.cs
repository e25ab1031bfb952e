using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Perceptor.Audio.IO;

namespace Perceptor.Training.Checkpoints;

/// <summary>
/// The checkpoint file: magic <c>PRCPTCKP</c>, a format version, the <see cref="CheckpointState"/> as JSON, named
/// binary sections (generator, discriminator, both optimisers, torch RNG state), and a SHA-256 of everything before
/// it. Files are written to a temporary name, flushed to disk, read back and verified, and only then renamed over
/// the old file, so a crash or a bad write never replaces a good checkpoint.
/// </summary>
public static class CheckpointFile
{
    /// <summary>Current layout version.</summary>
    public const int FormatVersion = 1;

    internal const string GeneratorSection = "generator";
    internal const string DiscriminatorSection = "discriminator";
    internal const string GenOptimizerSection = "generator_optimizer";
    internal const string DiscOptimizerSection = "discriminator_optimizer";
    internal const string RngSection = "torch_rng";

    private static readonly byte[] Magic = "PRCPTCKP"u8.ToArray();
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = false };

    /// <summary>Reads and verifies a checkpoint; throws <see cref="CheckpointException"/> naming the file otherwise.</summary>
    public static Checkpoint Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException e)
        {
            throw new CheckpointException(path, "file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path, $"cannot read ({e.Message})", e);
        }

        return Parse(bytes, path);
    }

    internal static Checkpoint Parse(byte[] bytes, string path)
    {
        if (bytes.Length < Magic.Length + 4 + SHA256.HashSizeInBytes || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new CheckpointException(path, bytes.Length == 0 ? "empty file (not a checkpoint)" : "not a Perceptor checkpoint (bad magic or too short)");
        }

        int body = bytes.Length - SHA256.HashSizeInBytes;
        if (!SHA256.HashData(bytes.AsSpan(0, body)).AsSpan().SequenceEqual(bytes.AsSpan(body)))
        {
            throw new CheckpointException(path, "corrupt or truncated (checksum mismatch); use another checkpoint, e.g. best.ckpt or an older copy");
        }

        try
        {
            using var stream = new MemoryStream(bytes, 0, body, writable: false);
            using var reader = new BinaryReader(stream);
            reader.ReadBytes(Magic.Length);
            int version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new CheckpointException(path, $"format version {version}, this build reads version {FormatVersion}");
            }

            string header = Encoding.UTF8.GetString(reader.ReadBytes(reader.ReadInt32()));
            var state = JsonSerializer.Deserialize<CheckpointState>(header, Json)
                ?? throw new CheckpointException(path, "empty state");
            int count = reader.ReadInt32();
            var sections = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            for (int i = 0; i < count; i++)
            {
                string name = reader.ReadString();
                int length = checked((int)reader.ReadInt64());
                sections[name] = reader.ReadBytes(length);
            }

            return new Checkpoint(path, state, sections);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or OverflowException or IOException and not CheckpointException)
        {
            throw new CheckpointException(path, $"unreadable contents ({e.Message})", e);
        }
    }

    /// <summary>Serialises <paramref name="state"/> and <paramref name="snapshot"/> into the file layout, checksum last.</summary>
    internal static byte[] Serialize(CheckpointState state, TrainingSnapshot snapshot)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            byte[] header = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(state, Json));
            writer.Write(header.Length);
            writer.Write(header);
            var sections = new (string Name, byte[] Bytes)[]
            {
                (GeneratorSection, snapshot.Generator),
                (DiscriminatorSection, snapshot.Discriminator),
                (GenOptimizerSection, snapshot.GenOptimizer),
                (DiscOptimizerSection, snapshot.DiscOptimizer),
                (RngSection, snapshot.Rng),
            };
            writer.Write(sections.Length);
            foreach (var (name, bytes) in sections)
            {
                writer.Write(name);
                writer.Write((long)bytes.Length);
                writer.Write(bytes);
            }
        }

        byte[] content = stream.ToArray();
        byte[] result = new byte[content.Length + SHA256.HashSizeInBytes];
        content.CopyTo(result, 0);
        SHA256.HashData(content).CopyTo(result, content.Length);
        return result;
    }

    /// <summary>
    /// Writes <paramref name="bytes"/> to <paramref name="path"/> through a temporary file that is flushed, read back
    /// and verified before it replaces the old file.
    /// </summary>
    internal static void WriteAtomic(string path, byte[] bytes)
    {
        AtomicFile.Write(path, file => file.Write(bytes), verify: temp => Parse(File.ReadAllBytes(temp), temp));
    }
}
