using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NAudio.Wave;
using Perceptor.Audio.IO;

namespace Perceptor.Audio;

/// <summary>
/// Reads and writes WAV files. Header parsing is NAudio's (<see cref="WaveFileReader"/>, which handles RIFF chunk
/// order, <c>fmt </c> variants and WAVE_FORMAT_EXTENSIBLE); the sample decoding is ours, so every supported
/// format converts to float the same way: PCM 8 (unsigned), 16, 24 and 32-bit, IEEE float 32 and 64.
/// Integer PCM maps to [-1, 1) by dividing by 2^(bits-1), as soundfile and scipy-based tools do.
/// </summary>
public static class WavFile
{
    private static readonly Guid PcmSubFormat = new("00000001-0000-0010-8000-00aa00389b71");
    private static readonly Guid FloatSubFormat = new("00000003-0000-0010-8000-00aa00389b71");

    /// <summary>
    /// Reads a WAV file as a mono signal. Multi-channel files are reduced by <paramref name="mix"/> (default: first
    /// channel). Throws <see cref="AudioFileException"/> naming the file for anything it cannot read: missing file,
    /// not a WAV, unsupported encoding, truncated data, no samples.
    /// </summary>
    public static AudioSignal Read(string path, ChannelMix mix = ChannelMix.First)
    {
        float[]? samples = null;
        ReadCore(path, mix, ref samples, exact: true, out int sampleRate);
        return new AudioSignal(samples!, sampleRate);
    }

    /// <summary>
    /// Reads a WAV file as <see cref="Read"/> does (same formats, same errors), into <paramref name="buffer"/>:
    /// the returned count of samples at its start hold the signal. A buffer too short for the file is replaced by
    /// a new one of the file's length, so a loop over many files stops allocating once its buffer fits the longest.
    /// </summary>
    /// <returns>The number of samples read.</returns>
    public static int ReadInto(string path, ref float[] buffer, out int sampleRate, ChannelMix mix = ChannelMix.First)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        float[]? samples = buffer;
        int length = ReadCore(path, mix, ref samples, exact: false, out sampleRate);
        buffer = samples!;
        return length;
    }

    /// <summary>
    /// Reads <paramref name="path"/> into <paramref name="samples"/> (a new array of exactly the file's length when
    /// <paramref name="exact"/> or when the given one is null or too short) and returns the sample count.
    /// </summary>
    private static int ReadCore(string path, ChannelMix mix, ref float[]? samples, bool exact, out int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new AudioFileException(path, "file not found");
        }

        try
        {
            if (new FileInfo(path).Length == 0)
            {
                throw new AudioFileException(path, "empty file (0 bytes)");
            }

            if (RiffSizeProblem(path) is { } riff)
            {
                throw new AudioFileException(path, riff);
            }

            long? declaredData = DeclaredDataChunkSize(path);
            using var reader = new WaveFileReader(path);
            var format = reader.WaveFormat;
            var kind = SampleKindOf(path, format);
            int bytesPerSample = format.BitsPerSample / 8;
            int channels = format.Channels;
            if (channels < 1)
            {
                throw new AudioFileException(path, "header declares no channels");
            }

            if (format.SampleRate <= 0)
            {
                throw new AudioFileException(path, $"header declares sample rate {format.SampleRate}");
            }

            int blockAlign = bytesPerSample * channels;
            long present = reader.Length;
            // NAudio quietly shortens a data chunk that runs past the end of the file; a file cut short in
            // transfer must not be scored as if it were complete, so compare with what the header declares.
            if (declaredData is long declared && declared > present)
            {
                throw new AudioFileException(path,
                    $"truncated: the data chunk declares {declared} bytes but only {present} are present");
            }

            long frames = present / blockAlign;
            if (frames == 0)
            {
                throw new AudioFileException(path, "no samples (empty data chunk)");
            }

            if (frames > int.MaxValue)
            {
                throw new AudioFileException(path, $"too long ({frames} frames; at most {int.MaxValue} are supported)");
            }

            // A stray partial frame at the end (odd writers) is dropped: NAudio reads whole blocks only. The bytes
            // go through a pooled buffer, which a long batch of files then reuses instead of allocating each time.
            int count = (int)frames;
            long bytes = frames * blockAlign;
            if (bytes > Array.MaxLength)
            {
                throw new AudioFileException(path, $"too long ({bytes} bytes of samples; at most {Array.MaxLength} are supported)");
            }

            byte[] rented = ArrayPool<byte>.Shared.Rent((int)bytes);
            try
            {
                var data = rented.AsSpan(0, (int)bytes);
                int read = ReadFully(reader, data);
                if (read < data.Length)
                {
                    throw new AudioFileException(path,
                        $"truncated: the data chunk holds {data.Length} bytes but only {read} could be read");
                }

                if (exact || samples is null || samples.Length < count)
                {
                    samples = new float[count];
                }

                Decode(data, kind, bytesPerSample, channels, mix, samples.AsSpan(0, count));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }

            sampleRate = format.SampleRate;
            return count;
        }
        catch (AudioFileException)
        {
            throw;
        }
        catch (FormatException e)
        {
            throw new AudioFileException(path, $"not a WAV file ({e.Message})", e);
        }
        catch (EndOfStreamException e)
        {
            throw new AudioFileException(path, "truncated header (the file ends inside a RIFF chunk)", e);
        }
        catch (InvalidDataException e)
        {
            throw new AudioFileException(path, $"not a WAV file ({e.Message})", e);
        }
        catch (ArgumentException e)
        {
            throw new AudioFileException(path, $"malformed WAV header ({e.Message})", e);
        }
        catch (IOException e)
        {
            throw new AudioFileException(path, $"cannot read ({e.Message})", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new AudioFileException(path, $"cannot open ({e.Message})", e);
        }
    }

    /// <summary>
    /// What is wrong with the RIFF size field of a RIFF/WAVE file when it cannot even cover a <c>fmt </c> chunk (0 is
    /// what a writer leaves when it stops before completing the header); null when it is plausible or the file is no
    /// RIFF/WAVE file. NAudio would only say that it found no <c>fmt </c> chunk, which sends the user looking in the
    /// wrong place.
    /// </summary>
    private static string? RiffSizeProblem(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Span<byte> header = stackalloc byte[12];
        if (stream.Read(header) < 12 || !header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
        {
            return null;
        }

        const uint smallestWave = 4 + 8 + 16; // "WAVE" and a PCM fmt chunk
        uint declared = BinaryPrimitives.ReadUInt32LittleEndian(header[4..8]);
        return declared >= smallestWave
            ? null
            : $"the RIFF header declares {declared} bytes of content but the file holds {stream.Length - 8}: the header was " +
              "never completed (the writer probably stopped before closing the file)";
    }

    /// <summary>
    /// The size the first <c>data</c> chunk declares, found by walking the RIFF chunk list; null when the file is
    /// not plain RIFF/WAVE or has no data chunk (NAudio then reports the problem) or declares an RF64 size.
    /// </summary>
    private static long? DeclaredDataChunkSize(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Span<byte> header = stackalloc byte[12];
        if (stream.Read(header) < 12 || !header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
        {
            return null;
        }

        Span<byte> chunk = stackalloc byte[8];
        while (stream.Read(chunk) == 8)
        {
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("data"u8))
            {
                return size == uint.MaxValue ? null : size;
            }

            stream.Seek(size + (size & 1), SeekOrigin.Current);
        }

        return null;
    }

    /// <summary>
    /// Writes <paramref name="signal"/> as a mono WAV file, through a temporary file renamed into place so a crash
    /// never leaves half a file. 16-bit PCM rounds and saturates at full scale; float 32 keeps the values as they are.
    /// </summary>
    public static void Write(string path, AudioSignal signal, WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(signal);
        var waveFormat = format == WavSampleFormat.Float32
            ? WaveFormat.CreateIeeeFloatWaveFormat(signal.SampleRate, 1)
            : new WaveFormat(signal.SampleRate, 16, 1);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new WaveFileWriter(stream, waveFormat);
            var span = signal.Span;
            if (format == WavSampleFormat.Float32)
            {
                var bytes = new byte[span.Length * 4];
                for (int i = 0; i < span.Length; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), span[i]);
                }

                writer.Write(bytes, 0, bytes.Length);
            }
            else
            {
                var bytes = new byte[span.Length * 2];
                for (int i = 0; i < span.Length; i++)
                {
                    BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), ToPcm16(span[i]));
                }

                writer.Write(bytes, 0, bytes.Length);
            }
        });
    }

    /// <summary>Float at full scale 1.0 to 16-bit PCM: scale by 32768, round half away from zero, saturate.</summary>
    public static short ToPcm16(float x)
    {
        if (float.IsNaN(x))
        {
            return 0;
        }

        double v = Math.Round(x * 32768.0, MidpointRounding.AwayFromZero);
        return (short)Math.Clamp(v, short.MinValue, short.MaxValue);
    }

    private enum SampleKind
    {
        Pcm,
        Float,
    }

    private static SampleKind SampleKindOf(string path, WaveFormat format)
    {
        var encoding = format.Encoding;
        if (encoding == WaveFormatEncoding.Extensible)
        {
            // NAudio hands EXTENSIBLE headers back either typed or as raw extra bytes (cbSize 22: valid bits,
            // channel mask, then the sub-format GUID at offset 6).
            Guid? subFormat = format switch
            {
                WaveFormatExtensible typed => typed.SubFormat,
                WaveFormatExtraData { ExtraData.Length: >= 22 } raw => new Guid(raw.ExtraData.AsSpan(6, 16)),
                _ => null,
            };
            if (subFormat is null)
            {
                throw new AudioFileException(path, "WAVE_FORMAT_EXTENSIBLE header without its extension");
            }

            if (subFormat == PcmSubFormat)
            {
                encoding = WaveFormatEncoding.Pcm;
            }
            else if (subFormat == FloatSubFormat)
            {
                encoding = WaveFormatEncoding.IeeeFloat;
            }
            else
            {
                throw new AudioFileException(path, $"unsupported WAVE_FORMAT_EXTENSIBLE sub-format {subFormat}");
            }
        }

        return encoding switch
        {
            WaveFormatEncoding.Pcm when format.BitsPerSample is 8 or 16 or 24 or 32 => SampleKind.Pcm,
            WaveFormatEncoding.IeeeFloat when format.BitsPerSample is 32 or 64 => SampleKind.Float,
            WaveFormatEncoding.Pcm or WaveFormatEncoding.IeeeFloat => throw new AudioFileException(path,
                $"unsupported bit depth {format.BitsPerSample} for {encoding} (supported: PCM 8/16/24/32, float 32/64)"),
            _ => throw new AudioFileException(path,
                $"unsupported encoding {encoding} (supported: PCM 8/16/24/32-bit, IEEE float 32/64-bit)"),
        };
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n <= 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private static void Decode(ReadOnlySpan<byte> data, SampleKind kind, int bytesPerSample, int channels, ChannelMix mix,
        Span<float> output)
    {
        if (BitConverter.IsLittleEndian && (channels == 1 || mix != ChannelMix.Mean) && channels > 0)
        {
            // The common formats take the first channel without a per-sample switch; the results are those of
            // the general loop below bit for bit (k / 32768 is exact in single precision, a float sample is kept).
            if (kind != SampleKind.Float && bytesPerSample == 2)
            {
                DecodePcm16(MemoryMarshal.Cast<byte, short>(data), channels, output);
                return;
            }

            if (kind == SampleKind.Float && bytesPerSample == 4)
            {
                // Adding zero turns -0 into +0, as the general loop's double sum does.
                var source = MemoryMarshal.Cast<byte, float>(data);
                int f = 0;
                if (channels == 1 && Vector256.IsHardwareAccelerated)
                {
                    ref float src = ref MemoryMarshal.GetReference(source);
                    ref float dst = ref MemoryMarshal.GetReference(output);
                    for (; f + 8 <= output.Length; f += 8)
                    {
                        (Vector256.LoadUnsafe(ref src, (nuint)f) + Vector256<float>.Zero).StoreUnsafe(ref dst, (nuint)f);
                    }
                }

                for (; f < output.Length; f++)
                {
                    output[f] = source[f * channels] + 0f;
                }

                return;
            }
        }

        int usedChannels = mix == ChannelMix.Mean ? channels : 1;
        int frameBytes = bytesPerSample * channels;
        for (int f = 0; f < output.Length; f++)
        {
            double sum = 0;
            for (int c = 0; c < usedChannels; c++)
            {
                sum += DecodeOne(data.Slice((f * frameBytes) + (c * bytesPerSample), bytesPerSample), kind);
            }

            output[f] = (float)(sum / usedChannels);
        }
    }

    /// <summary>First channel of 16-bit PCM to float, k / 32768 (exact), eight or sixteen samples at a time when mono.</summary>
    private static void DecodePcm16(ReadOnlySpan<short> source, int channels, Span<float> output)
    {
        int f = 0;
        if (channels == 1)
        {
            const float Scale = 1.0f / 32768;
            ref short src = ref MemoryMarshal.GetReference(source);
            ref float dst = ref MemoryMarshal.GetReference(output);
            if (Vector256.IsHardwareAccelerated)
            {
                var scale = Vector256.Create(Scale);
                for (; f + 16 <= output.Length; f += 16)
                {
                    var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref src, (nuint)f));
                    (Vector256.ConvertToSingle(lo) * scale).StoreUnsafe(ref dst, (nuint)f);
                    (Vector256.ConvertToSingle(hi) * scale).StoreUnsafe(ref dst, (nuint)(f + 8));
                }
            }

            for (; f < output.Length; f++)
            {
                output[f] = source[f] * Scale;
            }

            return;
        }

        for (; f < output.Length; f++)
        {
            output[f] = source[f * channels] * (1.0f / 32768);
        }
    }

    private static double DecodeOne(ReadOnlySpan<byte> b, SampleKind kind)
    {
        if (kind == SampleKind.Float)
        {
            return b.Length == 4 ? BinaryPrimitives.ReadSingleLittleEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b);
        }

        return b.Length switch
        {
            1 => (b[0] - 128) / 128.0,
            2 => BinaryPrimitives.ReadInt16LittleEndian(b) / 32768.0,
            3 => ((b[0] | (b[1] << 8) | ((sbyte)b[2] << 16))) / 8388608.0,
            _ => BinaryPrimitives.ReadInt32LittleEndian(b) / 2147483648.0,
        };
    }
}
