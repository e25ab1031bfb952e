namespace Perceptor.Audio.Tests;

public class WavFileWriteTests
{
    [Fact]
    public void Pcm16_round_trips_within_half_a_step_and_saturates_at_full_scale()
    {
        float[] values = [0f, 0.5f, -0.5f, 0.1234f, -0.9999f, 1.5f, -2f, 32767f / 32768f];
        using var dir = new TempFolder();
        string path = dir.File("out16.wav");
        WavFile.Write(path, new AudioSignal(values, 16000));
        var back = WavFile.Read(path);
        Assert.Equal(16000, back.SampleRate);
        Assert.Equal(values.Length, back.Length);
        for (int i = 0; i < 5; i++)
        {
            Assert.True(Math.Abs(back.Samples[i] - values[i]) <= 0.5 / 32768 + 1e-9, $"sample {i}: {back.Samples[i]} vs {values[i]}");
        }

        Assert.Equal(32767f / 32768f, back.Samples[5]);
        Assert.Equal(-1f, back.Samples[6]);
        Assert.Equal(32767f / 32768f, back.Samples[7]);
        Assert.Equal(44 + (2 * values.Length), new FileInfo(path).Length);
    }

    [Fact]
    public void Float32_round_trips_exactly()
    {
        float[] values = [0f, 0.3f, -1.75f, 1e-7f, 3.5f];
        using var dir = new TempFolder();
        string path = dir.File("outf.wav");
        WavFile.Write(path, new AudioSignal(values, 44100), WavSampleFormat.Float32);
        var back = WavFile.Read(path);
        Assert.Equal(44100, back.SampleRate);
        Assert.Equal(values, back.Samples);
    }

    [Fact]
    public void Writing_leaves_no_temporary_file_and_replaces_an_existing_file()
    {
        using var dir = new TempFolder();
        string path = dir.File("x.wav");
        File.WriteAllText(path, "old content");
        WavFile.Write(path, new AudioSignal([0.25f, -0.25f], 8000));
        Assert.Equal([0.25f, -0.25f], WavFile.Read(path).Samples);
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Writing_creates_missing_folders()
    {
        using var dir = new TempFolder();
        string path = Path.Combine(dir.Path, "a", "b", "y.wav");
        WavFile.Write(path, new AudioSignal([0.1f], 16000));
        Assert.Equal(1, WavFile.Read(path).Length);
    }

    [Theory]
    [InlineData(0.0f, 0)]
    [InlineData(1.0f, 32767)]
    [InlineData(-1.0f, -32768)]
    [InlineData(0.5f / 32768f, 1)]
    [InlineData(-0.5f / 32768f, -1)]
    [InlineData(float.NaN, 0)]
    [InlineData(float.PositiveInfinity, 32767)]
    public void ToPcm16_rounds_half_away_from_zero_and_saturates(float x, short expected)
    {
        Assert.Equal(expected, WavFile.ToPcm16(x));
    }
}
