using System.Runtime.CompilerServices;

namespace Perceptor.Quality.Pesq;

/// <summary>
/// The perceptual model (P.862 10.2): 32 ms Hann frames every 16 ms, power spectra warped to Bark bands
/// (pitch power densities), compensation of the reference for the long-term frequency response of the system,
/// frame-by-frame gain compensation of the degraded signal, and Zwicker loudness densities. One instance per
/// workspace; per-frame results are kept in flat arrays indexed frame * bands + band.
/// </summary>
internal sealed class PerceptualModel
{
    private const float SilentFramePower = 1e7f;
    private const double LoudnessScale = 0.1866055;

    private readonly PesqWorkspace _ws;
    private PesqRate _rate = PesqRate.Rate8k;
    private float[] _refModel = [];
    private float[] _degModel = [];
    private int _nominal;
    private double[] _re = [];
    private double[] _im = [];
    private float[] _refPitch = [];
    private float[] _degPitch = [];
    private float[] _refLoudness = [];
    private float[] _refAudible = [];
    private bool[] _silent = [];

    public PerceptualModel(PesqWorkspace workspace) => _ws = workspace;

    /// <summary>First frame taking part in the disturbance (after leading silence of the reference).</summary>
    public int FrameStart { get; private set; }

    /// <summary>Last frame taking part in the disturbance (before trailing silence), inclusive.</summary>
    public int FrameStop { get; private set; }

    /// <summary>Number of Bark bands.</summary>
    public int Bands => _rate.Bands.Count;

    /// <summary>The rate constants bound for this pair.</summary>
    public PesqRate Rate => _rate;

    /// <summary>The common nominal length of both model signals.</summary>
    public int Nominal => _nominal;

    /// <summary>Reference pitch power densities (compensated after <see cref="CompensateReference"/>).</summary>
    public Span<float> RefPitch(int frame) => _refPitch.AsSpan(frame * Bands, Bands);

    /// <summary>Degraded pitch power densities.</summary>
    public Span<float> DegPitch(int frame) => _degPitch.AsSpan(frame * Bands, Bands);

    /// <summary>Reference loudness densities (valid for frames the disturbance pass has visited).</summary>
    public Span<float> RefLoudness(int frame) => _refLoudness.AsSpan(frame * Bands, Bands);

    /// <summary>Audible power of the compensated reference frame (hearing threshold factor 1).</summary>
    public Span<float> RefAudible => _refAudible.AsSpan(0, FrameStop + 1);

    /// <summary>
    /// Binds the saved model copies of both signals (each at least nominal + pad long, equal lengths) and fixes
    /// the frame range (3.1): leading and trailing stretches where five consecutive reference samples sum to
    /// less than 500 in magnitude are left out.
    /// </summary>
    public void Bind(PesqRate rate, float[] refModel, float[] degModel, int nominal)
    {
        _rate = rate;
        _refModel = refModel;
        _degModel = degModel;
        _nominal = nominal;
        int margin = rate.Margin, pad = rate.Padding, hop = rate.Hop;

        int skipStart = 0;
        while (skipStart < nominal / 2 && AbsSum(refModel, margin + skipStart) < 500f)
        {
            skipStart++;
        }

        int skipEnd = 0;
        while (skipEnd < nominal / 2 && AbsSum(refModel, nominal - margin + pad - 1 - skipEnd - 4) < 500f)
        {
            skipEnd++;
        }

        FrameStart = skipStart / hop;
        FrameStop = ((nominal - (2 * margin) + pad - skipEnd) / hop) - 1;

        int frames = FrameStop + 1;
        int bands = rate.Bands.Count;
        int bins = (rate.FrameLength / 2) + 1;
        PesqWorkspace.Ensure(ref _re, bins);
        PesqWorkspace.Ensure(ref _im, bins);
        PesqWorkspace.Ensure(ref _refPitch, Math.Max(frames, 1) * bands);
        PesqWorkspace.Ensure(ref _degPitch, Math.Max(frames, 1) * bands);
        PesqWorkspace.Ensure(ref _refLoudness, Math.Max(frames, 1) * bands);
        PesqWorkspace.Ensure(ref _refAudible, Math.Max(frames, 1));
        PesqWorkspace.Ensure(ref _silent, Math.Max(frames, 1));
    }

    /// <summary>
    /// First pass (3.2 to 3.4): pitch power densities of every frame up to <see cref="FrameStop"/> for both
    /// signals, the degraded frame shifted by the delay of the utterance governing it, and the silent-frame flags.
    /// </summary>
    public void ComputeSpectra(UtteranceSet utterances)
    {
        int hop = _rate.Hop, margin = _rate.Margin, window = _rate.Window;
        for (int frame = 0; frame <= FrameStop; frame++)
        {
            int start = margin + (frame * hop);
            PitchDensity(_refModel, start, RefPitch(frame));
            PitchDensity(_degModel, start + utterances.DelayAt(start, window), DegPitch(frame));
            _silent[frame] = AudiblePower(RefPitch(frame), 100f) < SilentFramePower;
        }
    }

    /// <summary>
    /// Frequency response compensation (3.5): per band, the ratio of the degraded to the reference long-term
    /// audible density (over non-silent frames, offset by 1000, clamped to [0.01, 100]) multiplies the reference.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void CompensateReference()
    {
        var bands = _rate.Bands;
        int count = bands.Count;
        Span<double> refSum = stackalloc double[count];
        Span<double> degSum = stackalloc double[count];
        refSum.Clear();
        degSum.Clear();
        for (int frame = 0; frame <= FrameStop; frame++)
        {
            if (_silent[frame])
            {
                continue;
            }

            var r = RefPitch(frame);
            var d = DegPitch(frame);
            for (int b = 0; b < count; b++)
            {
                float limit = 100f * bands.Thresholds[b];
                if (r[b] > limit)
                {
                    refSum[b] += r[b];
                }

                if (d[b] > limit)
                {
                    degSum[b] += d[b];
                }
            }
        }

        double divisor = ((_nominal - (2 * _rate.Margin) + _rate.Padding) / _rate.Hop) - 1;
        Span<float> factor = stackalloc float[count];
        for (int b = 0; b < count; b++)
        {
            float refAverage = (float)(refSum[b] / divisor);
            float degAverage = (float)(degSum[b] / divisor);
            float x = (degAverage + 1000f) / (refAverage + 1000f);
            factor[b] = Math.Clamp(x, 0.01f, 100f);
        }

        for (int frame = 0; frame <= FrameStop; frame++)
        {
            var r = RefPitch(frame);
            for (int b = 0; b < count; b++)
            {
                r[b] *= factor[b];
            }
        }
    }

    /// <summary>
    /// Local gain compensation of the degraded frame (3.7): the ratio of audible powers, smoothed over frames with
    /// the running <paramref name="previous"/> scale, clamped to [3e-4, 5], applied to <paramref name="degPitch"/>.
    /// </summary>
    public static void ScaleDegraded(int frame, float refAudible, Span<float> degPitch, BarkBandTable bands,
        ref float previous)
    {
        float degAudible = AudiblePower(degPitch, 1f, bands);
        float scale = (refAudible + 5000f) / (degAudible + 5000f);
        if (frame > 0)
        {
            scale = (0.2f * previous) + (0.8f * scale);
        }

        previous = scale;
        scale = Math.Clamp(scale, 3e-4f, 5f);
        for (int b = 0; b < degPitch.Length; b++)
        {
            degPitch[b] *= scale;
        }
    }

    /// <summary>
    /// Pitch power densities of the frame of <paramref name="signal"/> starting at <paramref name="start"/>
    /// (3.2, 3.3): Hann window, power spectrum without DC, bins summed per Bark band, times the band's correction
    /// and Sp. A frame reaching outside the signal gives zeros.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void PitchDensity(float[] signal, int start, Span<float> destination)
    {
        int f = _rate.FrameLength;
        if (start <= 0 || start + f >= _nominal + _rate.Padding)
        {
            destination.Clear();
            return;
        }

        var plan = _ws.Plan(f);
        plan.ForwardWindowed(signal.AsSpan(start, f), PesqWindows.Hann(f), _re, _im);
        var bands = _rate.Bands;
        double sp = _rate.PitchScale;
        for (int b = 0; b < bands.Count; b++)
        {
            int first = bands.FirstBin[b], end = first + bands.BinCounts[b];
            double sum = 0;
            for (int k = first; k < end; k++)
            {
                // Bin 0 (DC) takes no part.
                if (k > 0)
                {
                    sum += (float)((_re[k] * _re[k]) + (_im[k] * _im[k]));
                }
            }

            destination[b] = (float)(sum * bands.Corrections[b] * sp);
        }
    }

    /// <summary>Sum of band densities above <paramref name="factor"/> times the hearing threshold, bands 1 and up.</summary>
    public float AudiblePower(ReadOnlySpan<float> pitch, float factor) => AudiblePower(pitch, factor, _rate.Bands);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float AudiblePower(ReadOnlySpan<float> pitch, float factor, BarkBandTable bands)
    {
        double sum = 0;
        for (int b = 1; b < pitch.Length; b++)
        {
            if (pitch[b] > factor * bands.Thresholds[b])
            {
                sum += pitch[b];
            }
        }

        return (float)sum;
    }

    /// <summary>Zwicker loudness densities of one frame (3.6), zero below the hearing threshold.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Loudness(ReadOnlySpan<float> pitch, BarkBandTable bands, Span<float> destination)
    {
        for (int b = 0; b < pitch.Length; b++)
        {
            double t = bands.Thresholds[b];
            double p = pitch[b];
            if (p > t)
            {
                double z = bands.LoudnessExponent[b];
                double modified = bands.LoudnessBase[b] * (Math.Pow(0.5 + (0.5 * p / t), z) - 1.0);
                destination[b] = (float)(modified * LoudnessScale);
            }
            else
            {
                destination[b] = 0f;
            }
        }
    }

    private static float AbsSum(float[] x, int start)
    {
        float sum = 0;
        for (int i = 0; i < 5; i++)
        {
            sum += Math.Abs(x[start + i]);
        }

        return sum;
    }
}
