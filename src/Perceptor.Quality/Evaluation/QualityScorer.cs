using Perceptor.Audio.Resampling;
using Perceptor.Quality.Composite;
using Perceptor.Quality.Pesq;
using Perceptor.Quality.Stoi;

namespace Perceptor.Quality.Evaluation;

/// <summary>
/// Computes the standard speech-enhancement table for one pair the way the reference evaluation tool
/// (<c>compute_metrics</c>, a port of Loizou's MATLAB scripts, as used by CMGAN and most VoiceBank+DEMAND papers)
/// does: at 16 kHz (other rates are resampled with <see cref="PolyphaseResampler"/>), unequal lengths cut to the
/// shorter with ε = 2.22e-16 added to every sample, the composite measures on samples at 16-bit integer scale (the
/// scale their 1e-10 energy floor assumes), wideband PESQ, SSNR, LLR and WSS feeding CSIG/CBAK/COVL, and STOI; then
/// SI-SDR (on samples at full scale 1.0, the scale its ε assumes) and ESTOI (from the same front-end pass as STOI).
/// A workspace holding every plan and buffer: one instance per thread; it allocates only when an input is longer
/// than any before.
/// </summary>
public sealed class QualityScorer
{
    /// <summary>The rate every metric is computed at.</summary>
    public const int EvaluationRate = 16000;

    /// <summary>Samples in [−1, 1] are multiplied by this before the composite measures (16-bit integer scale).</summary>
    public const double IntegerScale = 32768.0;

    /// <summary>numpy's spacing(1), added to every sample when the lengths differ, as the reference tool does.</summary>
    public const double LengthMismatchEpsilon = 2.220446049250313e-16;

    private readonly SegmentalSnr _ssnr = new(EvaluationRate);
    private readonly LogLikelihoodRatio _llr = new(EvaluationRate);
    private readonly WeightedSpectralSlope _wss = new(EvaluationRate);
    private readonly StoiFrontEnd _intelligibility = new();
    private readonly StoiCalculator _stoi;
    private readonly EstoiCalculator _estoi;
    private readonly PesqFunction _pesq;
    private readonly bool _computeStoi;
    private readonly bool _computeEstoi;
    private float[] _cleanRate = [];
    private float[] _processedRate = [];
    private float[] _cleanFloat = [];
    private float[] _processedFloat = [];
    private double[] _clean = [];
    private double[] _processed = [];

    /// <summary>Creates a workspace with <paramref name="options"/> (defaults: wideband PESQ, all metrics).</summary>
    public QualityScorer(QualityScorerOptions? options = null)
    {
        options ??= new QualityScorerOptions();
        _pesq = options.Pesq ?? WidebandPesq;
        _computeStoi = options.ComputeStoi;
        _computeEstoi = options.ComputeEstoi;
        _stoi = new StoiCalculator(_intelligibility);
        _estoi = new EstoiCalculator(_intelligibility);
    }

    /// <summary>
    /// Scores <paramref name="processed"/> against <paramref name="clean"/>, both at <paramref name="sampleRate"/> Hz
    /// with samples at full scale 1.0 (as <see cref="Perceptor.Audio.WavFile"/> reads them). Never throws for bad
    /// audio: each metric that cannot be computed carries its reason.
    /// </summary>
    public QualityScores Score(ReadOnlySpan<float> clean, ReadOnlySpan<float> processed, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        if (clean.IsEmpty || processed.IsEmpty)
        {
            return QualityScores.AllFailed(clean.IsEmpty ? "clean signal is empty" : "processed signal is empty");
        }

        if (HasNonFinite(clean) || HasNonFinite(processed))
        {
            return QualityScores.AllFailed(
                $"{(HasNonFinite(clean) ? "clean" : "processed")} signal contains NaN or infinite samples");
        }

        if (sampleRate != EvaluationRate)
        {
            var plan = Resampler.PlanFor(sampleRate, EvaluationRate);
            clean = ResampleInto(plan, clean, ref _cleanRate);
            processed = ResampleInto(plan, processed, ref _processedRate);
        }

        int length = Math.Min(clean.Length, processed.Length);
        double epsilon = clean.Length == processed.Length ? 0.0 : LengthMismatchEpsilon;
        Ensure(ref _clean, length);
        Ensure(ref _processed, length);
        Ensure(ref _cleanFloat, length);
        Ensure(ref _processedFloat, length);
        Span<double> c = _clean.AsSpan(0, length);
        Span<double> p = _processed.AsSpan(0, length);
        for (int i = 0; i < length; i++)
        {
            c[i] = (clean[i] * IntegerScale) + epsilon;
            p[i] = (processed[i] * IntegerScale) + epsilon;
            _cleanFloat[i] = (float)(c[i] / IntegerScale);
            _processedFloat[i] = (float)(p[i] / IntegerScale);
        }

        return ScoreAligned(c, p, _cleanFloat.AsSpan(0, length), _processedFloat.AsSpan(0, length));
    }

    private QualityScores ScoreAligned(ReadOnlySpan<double> c, ReadOnlySpan<double> p, ReadOnlySpan<float> cf, ReadOnlySpan<float> pf)
    {
        MetricValue pesq = RunPesq(cf, pf);
        MetricValue ssnr, csig, cbak, covl;
        double? llrValue = null, wssValue = null;
        int frames = _ssnr.FrameCount(c.Length);
        if (frames == 0)
        {
            var tooShort = MetricValue.Failed($"shorter than one 30 ms frame ({c.Length} samples at 16 kHz)");
            ssnr = csig = cbak = covl = tooShort;
        }
        else
        {
            ssnr = MetricValue.Of(_ssnr.Compute(c, p));
            double llr = _llr.Compute(c, p);
            double wss = _wss.Compute(c, p);
            llrValue = double.IsFinite(llr) ? llr : null;
            wssValue = double.IsFinite(wss) ? wss : null;
            string? llrProblem = double.IsFinite(llr) ? null : "LLR undefined: more silent (all-zero) frames than the 5 % trim discards";
            string? wssProblem = double.IsFinite(wss) ? null : "WSS undefined";
            if (pesq.Value is not double q)
            {
                csig = cbak = covl = MetricValue.Failed($"needs PESQ, which failed: {pesq.Failure}");
            }
            else
            {
                string? sigProblem = wssProblem ?? llrProblem;
                csig = sigProblem is null ? MetricValue.Of(CompositeMeasures.Csig(q, llr, wss)) : MetricValue.Failed(sigProblem);
                covl = sigProblem is null ? MetricValue.Of(CompositeMeasures.Covl(q, llr, wss)) : MetricValue.Failed(sigProblem);
                cbak = wssProblem is not null ? MetricValue.Failed(wssProblem)
                    : ssnr.Value is double segSnr ? MetricValue.Of(CompositeMeasures.Cbak(q, wss, segSnr))
                    : ssnr;
            }
        }

        var (stoi, estoi) = Intelligibility(c, p);
        double sdr = ScaleInvariantSdr.Compute(cf, pf);
        MetricValue siSdr = double.IsNaN(sdr)
            ? MetricValue.Failed("SI-SDR undefined: the clean signal is constant (nothing to project on)")
            : MetricValue.Of(sdr);
        return new QualityScores(pesq, csig, cbak, covl, ssnr, stoi, siSdr, estoi, llrValue, wssValue);
    }

    /// <summary>STOI and ESTOI from one front-end pass (resampling, silence removal and band envelopes are shared).</summary>
    private (MetricValue Stoi, MetricValue Estoi) Intelligibility(ReadOnlySpan<double> c, ReadOnlySpan<double> p)
    {
        if (!_computeStoi && !_computeEstoi)
        {
            return (MetricValue.Failed("not computed (STOI disabled)"), MetricValue.Failed("not computed (ESTOI disabled)"));
        }

        if (!_intelligibility.Analyse(c, p, EvaluationRate, out string? why))
        {
            var failed = MetricValue.Failed(why!);
            return (_computeStoi ? failed : MetricValue.Failed("not computed (STOI disabled)"),
                _computeEstoi ? failed : MetricValue.Failed("not computed (ESTOI disabled)"));
        }

        MetricValue stoi = MetricValue.Failed("not computed (STOI disabled)");
        if (_computeStoi)
        {
            double s = _stoi.ScoreAnalysed(out string? stoiWhy);
            stoi = stoiWhy is null ? MetricValue.Of(s) : MetricValue.Failed(stoiWhy);
        }

        MetricValue estoi = _computeEstoi
            ? MetricValue.Of(_estoi.ScoreAnalysed())
            : MetricValue.Failed("not computed (ESTOI disabled)");
        return (stoi, estoi);
    }

    private MetricValue RunPesq(ReadOnlySpan<float> clean, ReadOnlySpan<float> processed)
    {
        PesqResult result;
        try
        {
            result = _pesq(clean, processed, EvaluationRate);
        }
        catch (NotImplementedException)
        {
            return MetricValue.Failed("PESQ is not available in this build");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return MetricValue.Failed($"PESQ error: {e.Message}");
        }

        return result.IsSuccess
            ? MetricValue.Of(result.Score, "PESQ returned a non-finite score")
            : MetricValue.Failed($"PESQ failed ({PesqResult.KindName(result.Failure)})");
    }

    private static PesqResult WidebandPesq(ReadOnlySpan<float> reference, ReadOnlySpan<float> degraded, int sampleRate) =>
        PesqScorer.Score(reference, degraded, sampleRate, PesqMode.Wideband);

    private static ReadOnlySpan<float> ResampleInto(PolyphaseResampler plan, ReadOnlySpan<float> input, ref float[] buffer)
    {
        int n = plan.OutputLength(input.Length);
        Ensure(ref buffer, n);
        plan.Process(input, buffer.AsSpan(0, n));
        return buffer.AsSpan(0, n);
    }

    private static bool HasNonFinite(ReadOnlySpan<float> x)
    {
        foreach (float v in x)
        {
            if (!float.IsFinite(v))
            {
                return true;
            }
        }

        return false;
    }

    private static void Ensure<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new T[length];
        }
    }
}
