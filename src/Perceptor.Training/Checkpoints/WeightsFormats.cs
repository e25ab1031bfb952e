namespace Perceptor.Training.Checkpoints;

/// <summary>
/// Tells the format of a weights file: by its first bytes when reading (the reference trainer writes names such as
/// <c>CMGAN_epoch_7_0.105</c>, whose "extension" says nothing), by its extension when writing.
/// </summary>
public static class WeightsFormats
{
    /// <summary>The format a file is written in, from its extension (.ckpt, .pt/.pth, .safetensors); throws
    /// <see cref="CheckpointException"/> for any other.</summary>
    public static WeightsFormat FromExtension(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".ckpt" => WeightsFormat.Perceptor,
            ".pt" or ".pth" => WeightsFormat.PyTorch,
            ".safetensors" => WeightsFormat.Safetensors,
            var other => throw new CheckpointException(path,
                $"cannot tell the format from the extension '{other}' (use .ckpt for Perceptor, .pt or .pth for PyTorch, .safetensors)"),
        };
    }

    /// <summary>The format of an existing file from its first bytes; throws <see cref="CheckpointException"/> naming the
    /// file when it is none of the three.</summary>
    public static WeightsFormat Detect(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Span<byte> head = stackalloc byte[10];
        int read;
        long length;
        try
        {
            using var stream = File.OpenRead(path);
            length = stream.Length;
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (FileNotFoundException e)
        {
            throw new CheckpointException(path, "file not found", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new CheckpointException(path, "file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path, $"cannot read ({e.Message})", e);
        }

        head = head[..read];
        if (head.StartsWith("PRCPTCKP"u8))
        {
            return WeightsFormat.Perceptor;
        }

        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            return WeightsFormat.PyTorch;
        }

        if (read >= 9 && head[8] == (byte)'{' && BitConverter.ToUInt64(head[..8]) <= (ulong)length - 8)
        {
            return WeightsFormat.Safetensors;
        }

        if (read >= 2 && head[0] == 0x80 && head[1] <= 5)
        {
            throw new CheckpointException(path, "a PyTorch file in the legacy (pre-1.6) format; load and save it again with torch.save(obj, path) in PyTorch ≥ 1.6");
        }

        throw new CheckpointException(path, length == 0
            ? "empty file (not a checkpoint)"
            : "not a Perceptor checkpoint, a PyTorch zip file (torch.save) or a safetensors file");
    }
}
