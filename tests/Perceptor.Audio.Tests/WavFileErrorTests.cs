namespace Perceptor.Audio.Tests;

public class WavFileErrorTests
{
    private static AudioFileException ReadFails(string path)
    {
        var e = Assert.Throws<AudioFileException>(() => WavFile.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(e.Problem));
        return e;
    }

    [Fact]
    public void A_missing_file_names_the_file()
    {
        using var dir = new TempFolder();
        var e = ReadFails(dir.File("nope.wav"));
        Assert.Contains("not found", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_says_it_is_empty()
    {
        using var dir = new TempFolder();
        var e = ReadFails(dir.Write("empty.wav", []));
        Assert.Contains("empty", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_file_is_not_a_wav_file()
    {
        using var dir = new TempFolder();
        var e = ReadFails(dir.Write("notes.wav", "this is not audio, just some text that is long enough"u8.ToArray()));
        Assert.Contains("not a WAV", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_riff_file_of_another_kind_is_not_a_wav_file()
    {
        var bytes = WavBytes.Build(WavBytes.Pcm, 1, 16000, 16, WavBytes.Pcm16(1, 2, 3));
        "AVI "u8.CopyTo(bytes.AsSpan(8));
        using var dir = new TempFolder();
        var e = ReadFails(dir.Write("movie.wav", bytes));
        Assert.Contains("not a WAV", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_riff_size_of_zero_is_reported_as_an_unfinished_header()
    {
        var bytes = WavBytes.Build(WavBytes.Pcm, 1, 16000, 16, WavBytes.Pcm16(1, 2, 3));
        bytes.AsSpan(4, 4).Clear();
        using var dir = new TempFolder();
        var e = ReadFails(dir.Write("unfinished.wav", bytes));
        Assert.Contains("RIFF header declares 0 bytes", e.Problem, StringComparison.Ordinal);
        Assert.Contains($"holds {bytes.Length - 8}", e.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("fmt", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_cut_inside_the_header_is_truncated()
    {
        var bytes = WavBytes.Build(WavBytes.Pcm, 1, 16000, 16, WavBytes.Pcm16(1, 2, 3));
        using var dir = new TempFolder();
        var e = ReadFails(dir.Write("cut.wav", bytes[..20]));
        Assert.Contains("truncated", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_chunk_shorter_than_declared_is_truncated()
    {
        var bytes = WavBytes.Build(WavBytes.Pcm, 1, 16000, 16, WavBytes.Pcm16(new short[100]), declaredDataSize: 2000);
        using var dir = new TempFolder();
        var e = ReadFails(dir.Write("short.wav", bytes));
        Assert.Contains("truncated", e.Problem, StringComparison.Ordinal);
        Assert.Contains("2000", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_a_data_chunk_says_so()
    {
        var bytes = WavBytes.Build(WavBytes.Pcm, 1, 16000, 16, []);
        using var dir = new TempFolder();
        var e = ReadFails(dir.Write("nodata.wav", bytes[..^8]));
        Assert.Contains("data", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_data_chunk_has_no_samples()
    {
        using var dir = new TempFolder();
        var e = ReadFails(dir.Write("zero.wav", WavBytes.Build(WavBytes.Pcm, 1, 16000, 16, [])));
        Assert.Contains("no samples", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_encoding_is_named()
    {
        using var dir = new TempFolder();
        var e = ReadFails(dir.Write("alaw.wav", WavBytes.Build(WavBytes.ALaw, 1, 8000, 8, [1, 2, 3])));
        Assert.Contains("unsupported encoding", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_bit_depth_is_named()
    {
        using var dir = new TempFolder();
        var e = ReadFails(dir.Write("f16.wav", WavBytes.Build(WavBytes.IeeeFloat, 1, 16000, 16, WavBytes.Pcm16(1, 2))));
        Assert.Contains("bit depth 16", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_extensible_subformat_is_named()
    {
        var guid = new Guid("00000006-0000-0010-8000-00aa00389b71");
        using var dir = new TempFolder();
        var e = ReadFails(dir.Write("extalaw.wav", WavBytes.Build(WavBytes.Extensible, 1, 8000, 16, WavBytes.Pcm16(1, 2), guid)));
        Assert.Contains("sub-format", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_declaring_no_channels_is_rejected()
    {
        var bytes = WavBytes.Build(WavBytes.Pcm, 1, 16000, 16, WavBytes.Pcm16(1, 2, 3));
        bytes[22] = 0; // channel count
        bytes[23] = 0;
        using var dir = new TempFolder();
        ReadFails(dir.Write("nochan.wav", bytes));
    }

    [Fact]
    public void A_header_declaring_a_zero_sample_rate_is_rejected()
    {
        var bytes = WavBytes.Build(WavBytes.Pcm, 1, 16000, 16, WavBytes.Pcm16(1, 2, 3));
        bytes.AsSpan(24, 4).Clear();
        using var dir = new TempFolder();
        var e = ReadFails(dir.Write("norate.wav", bytes));
        Assert.Contains("sample rate", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_fmt_chunk_is_rejected()
    {
        var bytes = WavBytes.Build(WavBytes.Pcm, 1, 16000, 16, WavBytes.Pcm16(1, 2, 3));
        bytes[16] = 6; // fmt chunk claims 6 bytes: too short for any format header
        using var dir = new TempFolder();
        ReadFails(dir.Write("badfmt.wav", bytes));
    }

    [Fact]
    public void A_pcm_bit_depth_we_do_not_decode_is_named()
    {
        // Garbage in the bit depth field (12 bits) is an unsupported depth, named as such.
        var bytes = WavBytes.Build(WavBytes.Pcm, 1, 16000, 16, WavBytes.Pcm16(1, 2, 3));
        bytes[34] = 12;
        using var dir = new TempFolder();
        var e = ReadFails(dir.Write("bits.wav", bytes));
        Assert.Contains("bit depth 12", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_is_not_readable_as_a_file()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.File("folder.wav"));
        ReadFails(dir.File("folder.wav"));
    }
}
