using Perceptor.Audio.Resampling;
using Perceptor.Quality.Composite;
using Perceptor.Quality.Evaluation;
using Perceptor.Quality.Pesq;
using Perceptor.Quality.Stoi;

namespace Perceptor.Quality.Tests.Evaluation;

public class QualityScorerTests
{
    private static QualityScorerOptions FixedPesq(double score) => new() { Pesq = (_, _, _) => PesqResult.Success(score) };

    [Fact]
    public void A_pesq_failure_empties_pesq_and_the_composites_with_the_reason_and_keeps_the_rest()
    {
        var clean = VoiceBank.Clean("p232_003");
        var noisy = VoiceBank.Noisy("p232_003");
        var scorer = new QualityScorer(new QualityScorerOptions { Pesq = (_, _, _) => PesqResult.Failed(PesqFailure.NoUtterances) });
        var s = scorer.Score(clean.Span, noisy.Span, 16000);
        foreach (var m in new[] { QualityMetric.Pesq, QualityMetric.Csig, QualityMetric.Cbak, QualityMetric.Covl })
        {
            Assert.Null(s[m].Value);
            Assert.Contains("no_utterances", s[m].Failure, StringComparison.Ordinal);
        }

        Assert.NotNull(s.Ssnr.Value);
        Assert.NotNull(s.Stoi.Value);
        Assert.NotNull(s.Llr);
        Assert.NotNull(s.Wss);
    }

    [Fact]
    public void Si_sdr_and_estoi_are_the_library_values_and_sharing_the_front_end_leaves_stoi_as_it_was()
    {
        var clean = VoiceBank.Clean("p257_016");
        var noisy = VoiceBank.Noisy("p257_016");
        var s = new QualityScorer(FixedPesq(2.0)).Score(clean.Span, noisy.Span, 16000);
        double[] c = VoiceBank.AtIntegerScale(clean), n = VoiceBank.AtIntegerScale(noisy);
        // SI-SDR on unit-scale samples (the scale asteroid's ε assumes); the intelligibility measures on the same doubles.
        Assert.Equal(ScaleInvariantSdr.Compute(clean.Span, noisy.Span), s.SiSdr.Value!.Value, 12);
        Assert.Equal(new EstoiCalculator().Compute(c, n, 16000), s.Estoi.Value!.Value, 12);
        Assert.Equal(new StoiCalculator().Compute(c, n, 16000), s.Stoi.Value!.Value, 12);

        var noEstoi = new QualityScorer(FixedPesq(2.0) with { ComputeEstoi = false }).Score(clean.Span, noisy.Span, 16000);
        Assert.Contains("disabled", noEstoi.Estoi.Failure, StringComparison.Ordinal);
        Assert.Equal(s.Stoi.Value, noEstoi.Stoi.Value);
        var noStoi = new QualityScorer(FixedPesq(2.0) with { ComputeStoi = false }).Score(clean.Span, noisy.Span, 16000);
        Assert.Contains("disabled", noStoi.Stoi.Failure, StringComparison.Ordinal);
        Assert.Equal(s.Estoi.Value, noStoi.Estoi.Value);
    }

    [Fact]
    public void A_silent_clean_signal_leaves_si_sdr_and_estoi_empty_with_reasons()
    {
        var noisy = VoiceBank.Noisy("p232_003");
        var s = new QualityScorer(FixedPesq(2.0)).Score(new float[noisy.Length], noisy.Span, 16000);
        Assert.Contains("constant", s.SiSdr.Failure, StringComparison.Ordinal);
        Assert.Contains("silent", s.Estoi.Failure, StringComparison.Ordinal);
        Assert.Equal(s.Stoi.Failure, s.Estoi.Failure);
    }

    [Fact]
    public void A_pesq_that_throws_is_a_failure_not_a_crash()
    {
        var clean = VoiceBank.Clean("p232_003");
        var a = new QualityScorer(new QualityScorerOptions { Pesq = (_, _, _) => throw new NotImplementedException() })
            .Score(clean.Span, clean.Span, 16000);
        Assert.Contains("not available", a.Pesq.Failure, StringComparison.Ordinal);
        var b = new QualityScorer(new QualityScorerOptions { Pesq = (_, _, _) => throw new InvalidOperationException("boom") })
            .Score(clean.Span, clean.Span, 16000);
        Assert.Contains("boom", b.Pesq.Failure, StringComparison.Ordinal);
        Assert.Contains("boom", b.Csig.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Pesq_sees_the_16_kHz_signals_in_unit_scale()
    {
        var clean = VoiceBank.Clean("p232_005");
        var noisy = VoiceBank.Noisy("p232_005");
        int seenRate = 0, seenLength = 0;
        float seenPeak = 0;
        var scorer = new QualityScorer(new QualityScorerOptions
        {
            Pesq = (r, d, fs) =>
            {
                seenRate = fs;
                seenLength = r.Length;
                foreach (float v in r)
                {
                    seenPeak = Math.Max(seenPeak, Math.Abs(v));
                }

                return PesqResult.Success(2.0);
            },
        });
        scorer.Score(clean.Span, noisy.Span, 16000);
        Assert.Equal(16000, seenRate);
        Assert.Equal(clean.Length, seenLength);
        Assert.Equal(clean.Peak(), seenPeak, 6);
    }

    [Fact]
    public void Unequal_lengths_are_cut_to_the_shorter()
    {
        var clean = VoiceBank.Clean("p257_016");
        var noisy = VoiceBank.Noisy("p257_016");
        var scorer = new QualityScorer(FixedPesq(2.3));
        var equal = scorer.Score(clean.Span[..40000], noisy.Span[..40000], 16000);
        var longer = scorer.Score(clean.Span[..40000], noisy.Span[..40321], 16000);
        var shorter = scorer.Score(clean.Span[..40500], noisy.Span[..40000], 16000);
        foreach (var m in QualityMetrics.All)
        {
            // ε = 2.2e-16 on 16-bit-scale samples changes nothing measurable.
            Assert.Equal(equal[m].Value!.Value, longer[m].Value!.Value, 9);
            Assert.Equal(equal[m].Value!.Value, shorter[m].Value!.Value, 9);
        }
    }

    [Fact]
    public void Other_rates_are_resampled_to_16_kHz_first()
    {
        var clean = VoiceBank.Clean("p232_021");
        var noisy = VoiceBank.Noisy("p232_021");
        var up = Resampler.PlanFor(16000, 48000);
        float[] c48 = up.Process(clean.Span);
        float[] n48 = up.Process(noisy.Span);
        var down = Resampler.PlanFor(48000, 16000);
        var scorer = new QualityScorer(FixedPesq(2.5));
        var direct = scorer.Score(down.Process(c48), down.Process(n48), 16000);
        var via48 = scorer.Score(c48, n48, 48000);
        var original = scorer.Score(clean.Span, noisy.Span, 16000);
        foreach (var m in QualityMetrics.All)
        {
            Assert.Equal(direct[m].Value!.Value, via48[m].Value!.Value, 12);
            // A round trip through 48 kHz is band-limited but close to the original.
            Assert.Equal(original[m].Value!.Value, via48[m].Value!.Value, 1);
        }
    }

    [Fact]
    public void Bad_audio_gives_reasons_for_every_metric()
    {
        var scorer = new QualityScorer(FixedPesq(3));
        var nan = scorer.Score([0.1f, float.NaN, 0.2f], [0.1f, 0.1f, 0.1f], 16000);
        Assert.All(QualityMetrics.All, m => Assert.Contains("NaN", nan[m].Failure, StringComparison.Ordinal));
        var empty = scorer.Score([], [0.1f], 16000);
        Assert.All(QualityMetrics.All, m => Assert.Contains("empty", empty[m].Failure, StringComparison.Ordinal));
        var tiny = scorer.Score(new float[300], new float[300], 16000);
        Assert.Contains("30 ms", tiny.Ssnr.Failure, StringComparison.Ordinal);
        Assert.Contains("30 ms", tiny.Csig.Failure, StringComparison.Ordinal);
        Assert.NotNull(tiny.Stoi.Failure);
    }
}
