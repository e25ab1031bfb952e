using System.Numerics;
using Perceptor.Audio.Dsp;
using Perceptor.Quality.Dsp;

namespace Perceptor.Quality.Pesq;

/// <summary>
/// Everything one PESQ computation needs besides the shared constant tables: FFT plans, signal buffers and the
/// stage objects with their scratch memory. Buffers grow to the longest pair seen and are reused, so scoring many
/// pairs on one thread allocates nothing after the first few. Not thread-safe: one workspace per thread.
/// </summary>
internal sealed class PesqWorkspace
{
    private readonly RealFft?[] _plans = new RealFft?[31];
    private readonly CrossCorrelator?[] _correlators = new CrossCorrelator?[31];
    private readonly TimeAlignment _alignment;
    private readonly PerceptualModel _model;
    private readonly Disturbance _disturbance;
    private readonly UtteranceSet _utterances = new();

    private float[] _refInput = [];
    private float[] _degInput = [];
    private float[] _refModel = [];
    private float[] _degModel = [];
    private float[] _refWork = [];
    private float[] _degWork = [];
    private float[] _refEnergy = [];
    private float[] _refLog = [];
    private float[] _degEnergy = [];
    private float[] _degLog = [];
    private double[] _specRe = [];
    private double[] _specIm = [];
    private double[] _tmpRe = [];
    private double[] _tmpIm = [];
    private double[] _time = [];
    private double[] _sRe1 = [];
    private double[] _sIm1 = [];
    private double[] _sRe2 = [];
    private double[] _sIm2 = [];

    /// <summary>
    /// Buffers the file front ends read a pair's WAV samples into (<c>WavFile.ReadInto</c>), reused from pair to pair
    /// for as long as the workspace lives; they never take part in a score.
    /// </summary>
    public float[] ReferenceFile = [];

    /// <inheritdoc cref="ReferenceFile"/>
    public float[] DegradedFile = [];

    public PesqWorkspace()
    {
        _alignment = new TimeAlignment(this);
        _model = new PerceptualModel(this);
        _disturbance = new Disturbance(this);
    }

    /// <summary>Utterances and delays of the last scored pair.</summary>
    public UtteranceSet Utterances => _utterances;

    /// <summary>The FFT plan of length <paramref name="length"/> (a power of two), made on first use.</summary>
    public RealFft Plan(int length)
    {
        int log = BitOperations.Log2((uint)length);
        return _plans[log] ??= new RealFft(length);
    }

    /// <summary>The frame cross-correlator of length <paramref name="length"/> (a power of two), made on first use.</summary>
    public CrossCorrelator Correlator(int length)
    {
        int log = BitOperations.Log2((uint)length);
        return _correlators[log] ??= new CrossCorrelator(length);
    }

    /// <summary>Grows <paramref name="array"/> to at least <paramref name="length"/> (contents are not kept).</summary>
    public static void Ensure<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[length];
        }
    }

    /// <summary>Grows <paramref name="array"/> to at least <paramref name="length"/>, keeping its contents.</summary>
    public static void Grow<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            Array.Resize(ref array, Math.Max(length, 2 * array.Length));
        }
    }

    /// <summary>Two half spectra of at least <paramref name="bins"/> bins for short-lived use inside one stage call.</summary>
    public (double[] Re1, double[] Im1, double[] Re2, double[] Im2) SpectrumScratch(int bins)
    {
        Ensure(ref _sRe1, bins);
        Ensure(ref _sIm1, bins);
        Ensure(ref _sRe2, bins);
        Ensure(ref _sIm2, bins);
        return (_sRe1, _sIm1, _sRe2, _sIm2);
    }

    /// <summary>
    /// Scores one pair whose samples the caller has validated (rate supported, lengths at least fs/4, finite).
    /// Applies the front end of the common Python wrapper: both signals divided by their joint peak magnitude and
    /// rounded to single precision, so that a common gain of both leaves the score unchanged.
    /// </summary>
    public PesqDetails Score(ReadOnlySpan<float> reference, ReadOnlySpan<float> degraded, PesqRate rate, PesqMode mode)
    {
        double peak = Math.Max(SampleMath.PeakMagnitude(reference), SampleMath.PeakMagnitude(degraded));
        if (peak == 0)
        {
            // Both silent: the reference has no utterance, which the standard reports first.
            return PesqDetails.Failed(PesqFailure.NoUtterances);
        }

        Ensure(ref _refInput, reference.Length);
        Ensure(ref _degInput, degraded.Length);
        var refInput = _refInput.AsSpan(0, reference.Length);
        var degInput = _degInput.AsSpan(0, degraded.Length);
        SampleMath.DivideToFloat(reference, peak, refInput);
        SampleMath.DivideToFloat(degraded, peak, degInput);
        return ScoreNormalised(refInput, degInput, rate, mode);
    }

    private PesqDetails ScoreNormalised(ReadOnlySpan<float> reference, ReadOnlySpan<float> degraded, PesqRate rate,
        PesqMode mode)
    {
        int margin = rate.Margin, pad = rate.Padding, w = rate.Window;
        int refNominal = reference.Length + (2 * margin);
        int degNominal = degraded.Length + (2 * margin);
        int nominal = Math.Max(refNominal, degNominal);
        int modelLength = nominal + pad;
        Ensure(ref _refModel, modelLength);
        Ensure(ref _degModel, modelLength);
        // Room past the longer signal for the pipelined input cascade.
        Ensure(ref _refWork, modelLength + InputFilters.CascadeSlack);
        Ensure(ref _degWork, modelLength + InputFilters.CascadeSlack);
        Ensure(ref _refEnergy, refNominal / w);
        Ensure(ref _refLog, refNominal / w);
        Ensure(ref _degEnergy, degNominal / w);
        Ensure(ref _degLog, degNominal / w);

        double divisor = nominal - (2 * margin) + pad;
        if (!Prepare(reference, rate, mode, divisor, _refModel.AsSpan(0, modelLength)))
        {
            // A reference with no energy in the speech band cannot be calibrated; the standard finds no
            // utterance in it.
            return PesqDetails.Failed(PesqFailure.NoUtterances);
        }

        bool degradedAudible = Prepare(degraded, rate, mode, divisor, _degModel.AsSpan(0, modelLength));
        if (mode == PesqMode.Wideband)
        {
            var refRegion = _refModel.AsSpan(margin, reference.Length);
            var degRegion = degradedAudible ? _degModel.AsSpan(margin, degraded.Length) : [];
            InputFilters.WidebandReceive(refRegion, degRegion);
        }

        // The working copies for VAD and alignment: the model copy, DC removed, through the input cascade.
        int refLength = refNominal + pad, degLength = degNominal + pad;
        Array.Copy(_refModel, _refWork, refLength);
        InputFilters.RemoveDc(_refWork.AsSpan(0, refLength), refNominal, margin, w);
        if (degradedAudible)
        {
            Array.Copy(_degModel, _degWork, degLength);
            InputFilters.RemoveDc(_degWork.AsSpan(0, degLength), degNominal, margin, w);
            InputFilters.CascadePair(_refWork, refLength, _degWork, degLength, rate.Cascade);
            VoiceActivity.Detect(_degWork, degNominal, w, _degEnergy, _degLog);
        }
        else
        {
            InputFilters.Cascade(_refWork.AsSpan(0, refLength), rate.Cascade);
            Array.Clear(_degWork, 0, degLength);
            Array.Clear(_degLog, 0, degNominal / w);
        }

        VoiceActivity.Detect(_refWork, refNominal, w, _refEnergy, _refLog);

        _alignment.Bind(rate, _refWork, _degWork, refNominal, degNominal, _refEnergy, _refLog, _degLog);
        if (!_alignment.LocateUtterances(_utterances))
        {
            return PesqDetails.Failed(PesqFailure.NoUtterances);
        }

        if (!degradedAudible)
        {
            // The standard's level calibration divides by the degraded power and yields NaN here.
            return PesqDetails.Failed(PesqFailure.SilentDegraded);
        }

        _alignment.AlignUtterances(_utterances);

        _model.Bind(rate, _refModel, _degModel, nominal);
        _model.ComputeSpectra(_utterances);
        _model.CompensateReference();
        _disturbance.Compute(_model, _utterances, _degModel, _refModel);

        float raw = ScoreMapping.Raw(_disturbance.Symmetric, _disturbance.Asymmetric);
        float mos = ScoreMapping.Mos(raw, mode);
        return new PesqDetails(PesqFailure.None, mos, raw, _disturbance.Symmetric, _disturbance.Asymmetric,
            _utterances.Count);
    }

    /// <summary>
    /// Builds the padded model copy of one signal (margin zeros, samples, margin and pad zeros, then zeros up to
    /// the common length): level calibration (10.1.1) and, in narrowband, the IRS receive filter (10.1.2).
    /// Returns false when the signal has no energy in the level-measurement band.
    /// </summary>
    private bool Prepare(ReadOnlySpan<float> signal, PesqRate rate, PesqMode mode, double divisor, Span<float> model)
    {
        int margin = rate.Margin;
        int region = signal.Length + rate.Padding;
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)region);
        var plan = Plan(size);
        int bins = plan.Bins;
        Ensure(ref _specRe, bins);
        Ensure(ref _specIm, bins);
        Ensure(ref _tmpRe, bins);
        Ensure(ref _tmpIm, bins);
        Ensure(ref _time, size);
        plan.Forward(signal, _specRe, _specIm);
        double power = LevelAlignment.BandPower(plan, _specRe, _specIm, region, divisor, rate.SampleRate, _tmpRe,
            _tmpIm, _time);
        if (!(power > 0) || !double.IsFinite(power))
        {
            return false;
        }

        float gain = LevelAlignment.Gain(power);
        model[..margin].Clear();
        if (mode == PesqMode.Narrowband)
        {
            FilterCurve.IrsReceive.Apply(plan, _specRe, _specIm, gain, rate.SampleRate, _tmpRe, _tmpIm, _time);
            SampleMath.ToFloat(_time.AsSpan(0, region), model.Slice(margin, region));
            model[(margin + region)..].Clear();
        }
        else
        {
            // Calibrated only: the wideband receive filter runs on both signals together afterwards.
            SampleMath.Multiply(signal, gain, model.Slice(margin, signal.Length));
            model[(margin + signal.Length)..].Clear();
        }

        return true;
    }

}
