using System.Buffers.Binary;

namespace Perceptor.Audio.Tests;

public class WavFileReadTests
{
    [Fact]
    public void Pcm8_is_unsigned_with_128_as_zero()
    {
        using var dir = new TempFolder();
        string path = dir.Write("u8.wav", WavBytes.Build(WavBytes.Pcm, 1, 8000, 8, [0, 64, 128, 192, 255]));
        var s = WavFile.Read(path);
        Assert.Equal(8000, s.SampleRate);
        Assert.Equal([-1f, -0.5f, 0f, 0.5f, 127f / 128f], s.Samples);
    }

    [Fact]
    public void Pcm16_divides_by_32768()
    {
        using var dir = new TempFolder();
        string path = dir.Write("s16.wav", WavBytes.Build(WavBytes.Pcm, 1, 16000, 16, WavBytes.Pcm16(-32768, -16384, 0, 1, 32767)));
        var s = WavFile.Read(path);
        Assert.Equal(16000, s.SampleRate);
        Assert.Equal([-1f, -0.5f, 0f, 1f / 32768f, 32767f / 32768f], s.Samples);
    }

    [Fact]
    public void Every_pcm16_value_and_a_float32_signal_of_odd_length_read_exactly()
    {
        // Long enough for the vectorised paths, with a tail that is not a whole vector.
        var values = new short[65536 + 13];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (short)(i - 32768);
        }

        var floats = new float[1003];
        var floatBytes = new byte[floats.Length * 4];
        for (int i = 0; i < floats.Length; i++)
        {
            floats[i] = i % 7 == 0 ? -0f : MathF.Sin(i) * 3;
            BinaryPrimitives.WriteSingleLittleEndian(floatBytes.AsSpan(4 * i), floats[i]);
        }

        using var dir = new TempFolder();
        var pcm = WavFile.Read(dir.Write("all16.wav", WavBytes.Build(WavBytes.Pcm, 1, 16000, 16, WavBytes.Pcm16(values))));
        var ieee = WavFile.Read(dir.Write("f32.wav", WavBytes.Build(WavBytes.IeeeFloat, 1, 16000, 32, floatBytes)));
        Assert.Equal(values.Select(v => (float)(v / 32768.0)), pcm.Samples);
        // Bit for bit, with -0 read as +0 as the general decoder's sum gives it.
        Assert.Equal(floats.Select(f => BitConverter.SingleToInt32Bits(f + 0f)), ieee.Samples.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Pcm24_sign_extends_and_divides_by_2_to_the_23()
    {
        int[] values = [-8388608, -1, 0, 1, 4194304, 8388607];
        var data = new byte[values.Length * 3];
        for (int i = 0; i < values.Length; i++)
        {
            data[3 * i] = (byte)(values[i] & 0xFF);
            data[(3 * i) + 1] = (byte)((values[i] >> 8) & 0xFF);
            data[(3 * i) + 2] = (byte)((values[i] >> 16) & 0xFF);
        }

        using var dir = new TempFolder();
        var s = WavFile.Read(dir.Write("s24.wav", WavBytes.Build(WavBytes.Pcm, 1, 48000, 24, data)));
        Assert.Equal(48000, s.SampleRate);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal((float)(values[i] / 8388608.0), s.Samples[i]);
        }
    }

    [Fact]
    public void Pcm32_divides_by_2_to_the_31()
    {
        int[] values = [int.MinValue, -65536, 0, 1 << 30, int.MaxValue];
        var data = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(4 * i), values[i]);
        }

        using var dir = new TempFolder();
        var s = WavFile.Read(dir.Write("s32.wav", WavBytes.Build(WavBytes.Pcm, 1, 44100, 32, data)));
        Assert.Equal(44100, s.SampleRate);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal((float)(values[i] / 2147483648.0), s.Samples[i]);
        }
    }

    [Fact]
    public void Float32_and_float64_keep_their_values_including_beyond_full_scale()
    {
        double[] values = [-1.5, -0.25, 0, 0.123456789, 2.0];
        var f32 = new byte[values.Length * 4];
        var f64 = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(f32.AsSpan(4 * i), (float)values[i]);
            BinaryPrimitives.WriteDoubleLittleEndian(f64.AsSpan(8 * i), values[i]);
        }

        using var dir = new TempFolder();
        var a = WavFile.Read(dir.Write("f32.wav", WavBytes.Build(WavBytes.IeeeFloat, 1, 22050, 32, f32)));
        var b = WavFile.Read(dir.Write("f64.wav", WavBytes.Build(WavBytes.IeeeFloat, 1, 32000, 64, f64)));
        Assert.Equal(22050, a.SampleRate);
        Assert.Equal(32000, b.SampleRate);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal((float)values[i], a.Samples[i]);
            Assert.Equal((float)values[i], b.Samples[i]);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    public void Multichannel_files_give_the_first_channel_by_default_and_the_mean_on_request(int channels)
    {
        const int frames = 4;
        var interleaved = new short[frames * channels];
        for (int f = 0; f < frames; f++)
        {
            for (int c = 0; c < channels; c++)
            {
                interleaved[(f * channels) + c] = (short)((1000 * (c + 1)) + f);
            }
        }

        using var dir = new TempFolder();
        string path = dir.Write("multi.wav", WavBytes.Build(WavBytes.Pcm, channels, 16000, 16, WavBytes.Pcm16(interleaved)));
        var first = WavFile.Read(path);
        var mean = WavFile.Read(path, ChannelMix.Mean);
        Assert.Equal(frames, first.Length);
        Assert.Equal(frames, mean.Length);
        for (int f = 0; f < frames; f++)
        {
            Assert.Equal((float)((1000 + f) / 32768.0), first.Samples[f]);
            double expected = 0;
            for (int c = 0; c < channels; c++)
            {
                expected += ((1000 * (c + 1)) + f) / 32768.0;
            }

            Assert.Equal((float)(expected / channels), mean.Samples[f], 6);
        }
    }

    [Fact]
    public void Extensible_pcm24_stereo_is_read()
    {
        var data = new byte[2 * 2 * 3];
        int[] values = [100000, -100000, -8388608, 8388607];
        for (int i = 0; i < values.Length; i++)
        {
            data[3 * i] = (byte)(values[i] & 0xFF);
            data[(3 * i) + 1] = (byte)((values[i] >> 8) & 0xFF);
            data[(3 * i) + 2] = (byte)((values[i] >> 16) & 0xFF);
        }

        using var dir = new TempFolder();
        string path = dir.Write("ext24.wav", WavBytes.Build(WavBytes.Extensible, 2, 48000, 24, data, WavBytes.PcmSubFormat));
        var first = WavFile.Read(path);
        var mean = WavFile.Read(path, ChannelMix.Mean);
        Assert.Equal([(float)(100000 / 8388608.0), -1f], first.Samples);
        Assert.Equal(0f, mean.Samples[0]);
        Assert.Equal((float)((-8388608 + 8388607) / 2.0 / 8388608.0), mean.Samples[1]);
    }

    [Fact]
    public void Extensible_float32_is_read()
    {
        var data = new byte[3 * 4];
        float[] values = [0.5f, -0.75f, 1e-3f];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4 * i), values[i]);
        }

        using var dir = new TempFolder();
        var s = WavFile.Read(dir.Write("extf.wav", WavBytes.Build(WavBytes.Extensible, 1, 16000, 32, data, WavBytes.FloatSubFormat)));
        Assert.Equal(values, s.Samples);
    }

    [Fact]
    public void A_trailing_partial_frame_is_ignored_rather_than_misread()
    {
        // 3 whole stereo frames and one stray byte: the reader keeps the whole frames.
        var data = WavBytes.Pcm16(1, 2, 3, 4, 5, 6).Concat(new byte[] { 7 }).ToArray();
        using var dir = new TempFolder();
        var s = WavFile.Read(dir.Write("odd.wav", WavBytes.Build(WavBytes.Pcm, 2, 16000, 16, data)));
        Assert.Equal(3, s.Length);
    }

    /// <summary>
    /// ReadInto gives Read's samples in a caller's buffer: kept when long enough (its tail untouched), replaced by
    /// one of the file's length when too short; and it fails as Read does, leaving the buffer as it was.
    /// </summary>
    [Fact]
    public void ReadInto_reuses_a_buffer_that_fits_and_replaces_one_that_does_not()
    {
        var values = new short[1000 + 7];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (short)((i * 37) - 16000);
        }

        using var dir = new TempFolder();
        string path = dir.Write("s16.wav", WavBytes.Build(WavBytes.Pcm, 1, 8000, 16, WavBytes.Pcm16(values)));
        var expected = WavFile.Read(path).Samples;

        var roomy = Enumerable.Repeat(9f, 2000).ToArray();
        var given = roomy;
        int length = WavFile.ReadInto(path, ref roomy, out int rate);
        Assert.Same(given, roomy);
        Assert.Equal(8000, rate);
        Assert.Equal(expected.Length, length);
        Assert.Equal(expected, roomy[..length]);
        Assert.All(roomy[length..], v => Assert.Equal(9f, v));

        var small = new float[10];
        length = WavFile.ReadInto(path, ref small, out _);
        Assert.Equal(expected.Length, small.Length);
        Assert.Equal(expected, small[..length]);

        var kept = roomy;
        string cut = dir.Write("cut.wav", WavBytes.Build(WavBytes.Pcm, 1, 8000, 16, WavBytes.Pcm16(values))[..20]);
        var e = Assert.Throws<AudioFileException>(() => WavFile.ReadInto(cut, ref roomy, out _));
        Assert.Contains("truncated", e.Problem, StringComparison.Ordinal);
        Assert.Same(kept, roomy);
    }
}
