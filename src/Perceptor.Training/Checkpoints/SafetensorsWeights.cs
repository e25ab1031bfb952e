using System.Text;
using System.Text.Json;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Perceptor.Training.Checkpoints;

/// <summary>
/// Safetensors files through TorchSharp.PyBridge, after checking the header against the file's length (the library
/// trusts the offsets it is given, so a truncated file would otherwise read past its end).
/// </summary>
internal static class SafetensorsWeights
{
    /// <summary>Reads every tensor, in header order; throws <see cref="CheckpointException"/> naming the file.</summary>
    public static Dictionary<string, Tensor> Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path, $"cannot read ({e.Message})", e);
        }

        CheckHeader(bytes, path);
        try
        {
            return Safetensors.LoadStateDict(new MemoryStream(bytes, writable: false));
        }
        catch (Exception e) when (e is NotImplementedException or JsonException or ArgumentException or IOException or InvalidOperationException)
        {
            throw new CheckpointException(path, $"unreadable safetensors contents ({e.Message})", e);
        }
    }

    /// <summary>The file's bytes for <paramref name="entries"/>, in order.</summary>
    public static byte[] Write(IEnumerable<KeyValuePair<string, Tensor>> entries)
    {
        var owned = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var (name, tensor) in entries)
            {
                owned.Add(name, tensor.detach().cpu().contiguous());
            }

            using var stream = new MemoryStream();
            Safetensors.SaveStateDict(stream, owned, leaveOpen: true);
            return stream.ToArray();
        }
        finally
        {
            foreach (var tensor in owned.Values)
            {
                tensor.Dispose();
            }
        }
    }

    private static void CheckHeader(byte[] bytes, string path)
    {
        if (bytes.Length < 10)
        {
            throw new CheckpointException(path, "too short for a safetensors file (truncated?)");
        }

        ulong headerLength = BitConverter.ToUInt64(bytes, 0);
        if (headerLength > (ulong)(bytes.Length - 8))
        {
            throw new CheckpointException(path, $"truncated: the header claims {headerLength} bytes, the file has {bytes.Length - 8} after the length");
        }

        long dataStart = 8 + (long)headerLength;
        long dataEnd = 0;
        try
        {
            using var header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, (int)headerLength));
            foreach (var entry in header.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                {
                    continue;
                }

                var offsets = entry.Value.GetProperty("data_offsets");
                dataEnd = Math.Max(dataEnd, offsets[1].GetInt64());
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            throw new CheckpointException(path, $"unreadable safetensors header ({e.Message})", e);
        }

        if (dataStart + dataEnd > bytes.Length)
        {
            throw new CheckpointException(path, $"truncated: the header places tensor data up to byte {dataStart + dataEnd}, the file has {bytes.Length}");
        }
    }
}
