using System.Buffers.Binary;
using System.Text;

namespace Perceptor.Audio.Tests;

/// <summary>Builds WAV files byte by byte, so the tests control every header field (and can break them).</summary>
internal static class WavBytes
{
    public const ushort Pcm = 1;
    public const ushort IeeeFloat = 3;
    public const ushort ALaw = 6;
    public const ushort Extensible = 0xFFFE;

    public static readonly Guid PcmSubFormat = new("00000001-0000-0010-8000-00aa00389b71");
    public static readonly Guid FloatSubFormat = new("00000003-0000-0010-8000-00aa00389b71");

    /// <summary>A complete RIFF/WAVE file with a fmt chunk and a data chunk holding <paramref name="data"/>.</summary>
    public static byte[] Build(ushort formatTag, int channels, int sampleRate, int bits, byte[] data,
        Guid? subFormat = null, uint? declaredDataSize = null)
    {
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write(Encoding.ASCII.GetBytes("RIFF"));
        w.Write(0u); // patched below
        w.Write(Encoding.ASCII.GetBytes("WAVE"));
        w.Write(Encoding.ASCII.GetBytes("fmt "));
        bool ext = formatTag == Extensible;
        w.Write(ext ? 40u : 16u);
        w.Write(formatTag);
        w.Write((ushort)channels);
        w.Write((uint)sampleRate);
        int blockAlign = channels * bits / 8;
        w.Write((uint)(sampleRate * blockAlign));
        w.Write((ushort)blockAlign);
        w.Write((ushort)bits);
        if (ext)
        {
            w.Write((ushort)22);           // cbSize
            w.Write((ushort)bits);         // valid bits per sample
            w.Write(channels == 1 ? 4u : 3u); // channel mask (front centre / front left+right)
            w.Write((subFormat ?? PcmSubFormat).ToByteArray());
        }

        w.Write(Encoding.ASCII.GetBytes("data"));
        w.Write(declaredDataSize ?? (uint)data.Length);
        w.Write(data);
        w.Flush();
        byte[] bytes = ms.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        return bytes;
    }

    /// <summary>Interleaved 16-bit PCM bytes from integer sample values, frame by frame.</summary>
    public static byte[] Pcm16(params short[] interleaved)
    {
        var b = new byte[interleaved.Length * 2];
        for (int i = 0; i < interleaved.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(2 * i), interleaved[i]);
        }

        return b;
    }
}
