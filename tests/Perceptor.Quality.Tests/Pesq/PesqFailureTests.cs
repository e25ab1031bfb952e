using Perceptor.Audio;
using Perceptor.Quality.Pesq;
using Perceptor.Tests;

namespace Perceptor.Quality.Tests.Pesq;

/// <summary>Every way a pair can fail is a typed result, never an exception or a magic number.</summary>
public class PesqFailureTests
{
    private static float[] Speech(int rate = 16000) => rate == 16000
        ? WavFile.Read(TestData.Path("voicebank-samples", "clean", "p257_019.wav")).Samples
        : WavFile.Read(TestData.Path("pesq", "fs8k", "p232_006_clean_8k.wav")).Samples;

    [Theory]
    [InlineData(44100, PesqMode.Narrowband)]
    [InlineData(22050, PesqMode.Wideband)]
    [InlineData(48000, PesqMode.Wideband)]
    [InlineData(8000, PesqMode.Wideband)]
    [InlineData(0, PesqMode.Narrowband)]
    [InlineData(-16000, PesqMode.Narrowband)]
    public void Unsupported_rates_and_wideband_at_8_kHz_are_invalid_sample_rates(int rate, PesqMode mode)
    {
        var s = Speech();
        var result = PesqScorer.Score(s, s, rate, mode);
        Assert.Equal(PesqFailure.InvalidSampleRate, result.Failure);
        Assert.True(double.IsNaN(result.Score));
        Assert.Equal("invalid_fs", PesqResult.KindName(result.Failure));
    }

    [Theory]
    [InlineData(16000, PesqMode.Wideband)]
    [InlineData(16000, PesqMode.Narrowband)]
    [InlineData(8000, PesqMode.Narrowband)]
    public void Signals_shorter_than_a_quarter_second_are_too_short_and_a_quarter_second_scores(int rate, PesqMode mode)
    {
        var s = Speech(rate);
        int quarter = rate / 4;

        // The reference clips start in quiet room noise; take the quarter second where speech is.
        int start = s.Length / 2;
        var shortClip = s.AsSpan(start, quarter - 1);
        var exact = s.AsSpan(start, quarter);
        Assert.Equal(PesqFailure.TooShort, PesqScorer.Score(shortClip, exact, rate, mode).Failure);
        Assert.Equal(PesqFailure.TooShort, PesqScorer.Score(exact, shortClip, rate, mode).Failure);
        Assert.Equal(PesqFailure.TooShort, PesqScorer.Score([], [], rate, mode).Failure);
        var result = PesqScorer.Score(exact, exact, rate, mode);
        Assert.True(result.IsSuccess, result.ToString());
    }

    [Theory]
    [InlineData(float.NaN, true)]
    [InlineData(float.PositiveInfinity, false)]
    [InlineData(float.NegativeInfinity, true)]
    public void Non_finite_samples_are_reported(float bad, bool inReference)
    {
        var clean = Speech();
        var dirty = (float[])clean.Clone();
        dirty[dirty.Length / 3] = bad;
        var result = inReference
            ? PesqScorer.Score(dirty, clean, 16000, PesqMode.Wideband)
            : PesqScorer.Score(clean, dirty, 16000, PesqMode.Wideband);
        Assert.Equal(PesqFailure.NonFinite, result.Failure);
    }

    [Theory]
    [InlineData(PesqMode.Wideband)]
    [InlineData(PesqMode.Narrowband)]
    public void A_silent_degraded_signal_is_reported_where_the_reference_returns_NaN(PesqMode mode)
    {
        var clean = Speech();
        var result = PesqScorer.Score(clean, new float[clean.Length], 16000, mode);
        Assert.Equal(PesqFailure.SilentDegraded, result.Failure);
        Assert.Equal("silent_degraded", PesqResult.KindName(result.Failure));
    }

    [Theory]
    [InlineData(PesqMode.Wideband)]
    [InlineData(PesqMode.Narrowband)]
    public void An_all_zero_reference_has_no_utterances_whatever_the_degraded_signal(PesqMode mode)
    {
        var speech = Speech();
        var zeros = new float[speech.Length];
        Assert.Equal(PesqFailure.NoUtterances, PesqScorer.Score(zeros, speech, 16000, mode).Failure);
        Assert.Equal(PesqFailure.NoUtterances, PesqScorer.Score(zeros, zeros, 16000, mode).Failure);
    }

    [Theory]
    [InlineData(PesqMode.Wideband)]
    [InlineData(PesqMode.Narrowband)]
    public void A_reference_too_short_to_hold_an_utterance_has_none(PesqMode mode)
    {
        // The first 0.8 s of a clean clip (room noise and the onset of speech): the ITU reference finds no
        // utterance in it either (conformance case edgecrop_lead0800).
        var lead = WavFile.Read(TestData.Path("pesq", "edgecrop", "p257_022_lead0800_clean.wav"));
        var noisy = WavFile.Read(TestData.Path("pesq", "edgecrop", "p257_022_lead0800_noisy.wav"));
        Assert.Equal(PesqFailure.NoUtterances, PesqScorer.Score(lead.Span, noisy.Span, 16000, mode).Failure);
    }

    [Fact]
    public void An_undefined_mode_is_an_argument_error()
    {
        var s = Speech();
        Assert.Throws<ArgumentOutOfRangeException>(() => PesqScorer.Score(s, s, 16000, (PesqMode)7));
        Assert.Throws<ArgumentOutOfRangeException>(() => PesqScorer.ScoreBatch([], (PesqMode)7));
    }

    [Fact]
    public void A_failed_result_cannot_be_made_without_a_reason()
    {
        Assert.Throws<ArgumentException>(() => PesqResult.Failed(PesqFailure.None));
        Assert.Equal("no_utterances", PesqResult.Failed(PesqFailure.NoUtterances).ToString());
    }
}
