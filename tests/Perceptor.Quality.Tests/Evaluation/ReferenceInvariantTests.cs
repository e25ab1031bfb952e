using Perceptor.Audio;
using Perceptor.Quality.Composite;
using Perceptor.Quality.Evaluation;
using Perceptor.Quality.Pesq;
using Perceptor.Quality.Stoi;

namespace Perceptor.Quality.Tests.Evaluation;

/// <summary>
/// The invariants the reference metric tools satisfy, as properties over real VoiceBank pairs: identical signals score
/// the maximum, a common gain changes nothing (WSS only through its 1e-10 floor), a gain on the processed signal
/// alone changes SSNR (and so CBAK) but not LLR, WSS or STOI.
/// </summary>
public class ReferenceInvariantTests
{
    public static TheoryData<string> Files() => ["p232_005", "p232_052", "p257_015", "p257_143"];

    private static double[] Scaled(double[] x, double g) => x.Select(v => v * g).ToArray();

    [Theory]
    [MemberData(nameof(Files))]
    public void Identical_signals_score_the_maximum(string name)
    {
        var clean = VoiceBank.Clean(name);
        double[] c = VoiceBank.AtIntegerScale(clean);
        Assert.Equal(0.0, new LogLikelihoodRatio().Compute(c, c));
        Assert.Equal(0.0, new WeightedSpectralSlope().Compute(c, c));
        Assert.Equal(1.0, new StoiCalculator().Compute(c, c, 16000), 12);

        var ssnr = new SegmentalSnr();
        var frames = new double[ssnr.FrameCount(c.Length)];
        ssnr.ComputeFrames(c, c, frames);
        Assert.All(frames, f => Assert.True(f == SegmentalSnr.MaxSnrDb || f == SegmentalSnr.MinSnrDb, $"frame SNR {f}"));
        Assert.Contains(SegmentalSnr.MaxSnrDb, frames);

        // With PESQ at the P.862.2 ceiling the composites clip to 5.
        var scores = new QualityScorer(new QualityScorerOptions { Pesq = (_, _, _) => PesqResult.Success(4.644) })
            .Score(clean.Span, clean.Span, clean.SampleRate);
        Assert.Equal(5.0, scores.Csig.Value);
        Assert.Equal(5.0, scores.Cbak.Value);
        Assert.Equal(5.0, scores.Covl.Value);
        Assert.Equal(1.0, scores.Stoi.Value!.Value, 12);
    }

    [Fact]
    [Trait("Requires", "Pesq")]
    public void Identical_signals_reach_the_wideband_pesq_ceiling_and_clip_the_composites_with_native_pesq()
    {
        var clean = VoiceBank.Clean("p232_016");
        var scores = new QualityScorer().Score(clean.Span, clean.Span, clean.SampleRate);
        Assert.Equal(4.64, scores.Pesq.Value!.Value, 1);
        Assert.Equal(5.0, scores.Csig.Value);
        Assert.Equal(5.0, scores.Cbak.Value);
        Assert.Equal(5.0, scores.Covl.Value);
    }

    [Fact]
    [Trait("Requires", "Pesq")]
    public void A_common_gain_leaves_the_whole_table_unchanged_with_native_pesq()
    {
        var clean = VoiceBank.Clean("p257_016");
        var noisy = VoiceBank.Noisy("p257_016");
        var scorer = new QualityScorer();
        var a = scorer.Score(clean.Span, noisy.Span, 16000);
        var b = scorer.Score(clean.Scale(0.5f).Span, noisy.Scale(0.5f).Span, 16000);
        foreach (var m in QualityMetrics.All)
        {
            Assert.Equal(a[m].Value!.Value, b[m].Value!.Value, 3);
        }
    }

    [Fact]
    public void An_all_zero_frame_of_identical_signals_clamps_at_minus_10_dB()
    {
        var x = new double[16000];
        var rng = new Random(1);
        for (int i = 8000; i < x.Length; i++)
        {
            x[i] = rng.Next(-3000, 3000);
        }

        var ssnr = new SegmentalSnr();
        var frames = new double[ssnr.FrameCount(x.Length)];
        ssnr.ComputeFrames(x, x, frames);
        Assert.Equal(SegmentalSnr.MinSnrDb, frames[0]);
        Assert.Equal(SegmentalSnr.MaxSnrDb, frames[^1]);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_common_gain_leaves_ssnr_llr_wss_and_stoi_unchanged(string name)
    {
        double[] c = VoiceBank.AtIntegerScale(VoiceBank.Clean(name));
        double[] n = VoiceBank.AtIntegerScale(VoiceBank.Noisy(name));
        var llr = new LogLikelihoodRatio();
        var wss = new WeightedSpectralSlope();
        var stoi = new StoiCalculator();
        var ssnr = new SegmentalSnr();
        double llr0 = llr.Compute(c, n), wss0 = wss.Compute(c, n), stoi0 = stoi.Compute(c, n, 16000), ssnr0 = ssnr.Compute(c, n);
        foreach (double g in new[] { 0.25, 3.0 })
        {
            double[] cg = Scaled(c, g), ng = Scaled(n, g);
            Assert.Equal(llr0, llr.Compute(cg, ng), 9);
            Assert.Equal(stoi0, stoi.Compute(cg, ng, 16000), 9);
            Assert.Equal(ssnr0, ssnr.Compute(cg, ng), 9);
            // These recordings have no digitally silent frame, so the 1e-10 floor is never reached at these gains.
            Assert.Equal(wss0, wss.Compute(cg, ng), 9);
        }
    }

    [Fact]
    public void A_common_gain_changes_wss_only_through_the_energy_floor()
    {
        double[] c = VoiceBank.AtIntegerScale(VoiceBank.Clean("p232_005"));
        double[] n = VoiceBank.AtIntegerScale(VoiceBank.Noisy("p232_005"));
        var wss = new WeightedSpectralSlope();
        // At [-1, 1] scale (gain 1/32768) many band energies fall below 1e-10 and WSS moves: this is the scale
        // trap of the reference tool.
        double atInteger = wss.Compute(c, n);
        double atUnit = wss.Compute(Scaled(c, 1 / 32768.0), Scaled(n, 1 / 32768.0));
        Assert.True(Math.Abs(atInteger - atUnit) > 1.0, $"WSS {atInteger} vs {atUnit}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_gain_on_the_processed_signal_alone_changes_ssnr_but_not_llr_wss_or_stoi(string name)
    {
        double[] c = VoiceBank.AtIntegerScale(VoiceBank.Clean(name));
        double[] n = VoiceBank.AtIntegerScale(VoiceBank.Noisy(name));
        var llr = new LogLikelihoodRatio();
        var wss = new WeightedSpectralSlope();
        var stoi = new StoiCalculator();
        var ssnr = new SegmentalSnr();
        double[] ng = Scaled(n, 0.5);
        Assert.Equal(llr.Compute(c, n), llr.Compute(c, ng), 9);
        Assert.Equal(stoi.Compute(c, n, 16000), stoi.Compute(c, ng, 16000), 9);
        // WSS compares slopes, which a gain shifts equally in every band; only the floor could change them.
        Assert.Equal(wss.Compute(c, n), wss.Compute(c, ng), 9);
        Assert.True(Math.Abs(ssnr.Compute(c, n) - ssnr.Compute(c, ng)) > 0.1);
    }

    [Fact]
    public void A_gain_on_the_processed_signal_changes_cbak_through_ssnr()
    {
        var clean = VoiceBank.Clean("p257_015");
        var noisy = VoiceBank.Noisy("p257_015");
        var options = new QualityScorerOptions { Pesq = (_, _, _) => PesqResult.Success(3.0) };
        var a = new QualityScorer(options).Score(clean.Span, noisy.Span, 16000);
        var b = new QualityScorer(options).Score(clean.Span, noisy.Scale(0.5f).Span, 16000);
        Assert.Equal(a.Csig.Value!.Value, b.Csig.Value!.Value, 9);
        Assert.Equal(a.Covl.Value!.Value, b.Covl.Value!.Value, 9);
        Assert.NotEqual(a.Cbak.Value!.Value, b.Cbak.Value!.Value, 3);
        Assert.Equal(0.063 * (b.Ssnr.Value!.Value - a.Ssnr.Value!.Value), b.Cbak.Value!.Value - a.Cbak.Value!.Value, 9);
    }
}
