namespace Perceptor.Audio.Dsp;

/// <summary>
/// Forward DFT of a real sequence of power-of-two length N in double precision, computed as an N/2-point complex
/// radix-2 FFT of the even/odd-interleaved input followed by the standard split step. A plan: twiddle and
/// bit-reversal tables are built once; the instance also holds the working buffer, so use one instance per thread.
/// Convention: X[k] = Σ x[n]·exp(−2πi·k·n/N) (no scaling), bins 0…N/2 returned.
/// </summary>
public sealed class RealFft
{
    private readonly int _half;
    private readonly int[] _bitReverse;
    private readonly double[] _cos;
    private readonly double[] _sin;
    private readonly double[] _splitCos;
    private readonly double[] _splitSin;
    private readonly double[] _re;
    private readonly double[] _im;
    private readonly double[] _imagScratch;

    /// <summary>Creates a plan for transforms of <paramref name="size"/> points (a power of two, at least 4).</summary>
    public RealFft(int size)
    {
        if (size < 4 || (size & (size - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "the FFT size must be a power of two, at least 4");
        }

        Size = size;
        _half = size / 2;
        _re = new double[_half];
        _im = new double[_half];
        _imagScratch = new double[_half + 1];
        _bitReverse = new int[_half];
        int bits = System.Numerics.BitOperations.Log2((uint)_half);
        for (int i = 0; i < _half; i++)
        {
            int r = 0;
            for (int b = 0; b < bits; b++)
            {
                r |= ((i >> b) & 1) << (bits - 1 - b);
            }

            _bitReverse[i] = r;
        }

        // Twiddles of the half-size complex transform, exp(-2πi·j/(N/2)).
        _cos = new double[Math.Max(1, _half / 2)];
        _sin = new double[_cos.Length];
        for (int j = 0; j < _cos.Length; j++)
        {
            double a = -2.0 * Math.PI * j / _half;
            _cos[j] = Math.Cos(a);
            _sin[j] = Math.Sin(a);
        }

        // Twiddles of the split step, exp(-2πi·k/N) for k = 0…N/2.
        _splitCos = new double[_half + 1];
        _splitSin = new double[_half + 1];
        for (int k = 0; k <= _half; k++)
        {
            double a = -2.0 * Math.PI * k / size;
            _splitCos[k] = Math.Cos(a);
            _splitSin[k] = Math.Sin(a);
        }
    }

    /// <summary>Transform length N.</summary>
    public int Size { get; }

    /// <summary>Number of non-negative-frequency bins, N/2 + 1.</summary>
    public int BinCount => _half + 1;

    /// <summary>
    /// Transforms <paramref name="input"/> (at most N samples; shorter input is zero-padded to N) and writes the
    /// real and imaginary parts of bins 0…N/2 into <paramref name="real"/> and <paramref name="imag"/>.
    /// </summary>
    public void Forward(ReadOnlySpan<double> input, Span<double> real, Span<double> imag)
    {
        if (input.Length > Size)
        {
            throw new ArgumentException($"input has {input.Length} samples, more than the FFT size {Size}", nameof(input));
        }

        if (real.Length < BinCount || imag.Length < BinCount)
        {
            throw new ArgumentException($"outputs need {BinCount} bins");
        }

        Load(input);
        TransformHalf();

        // Split: X[k] = E[k] + W^k·O[k], E = (Z[k] + conj Z[M−k])/2, O = (Z[k] − conj Z[M−k])/(2i).
        for (int k = 0; k <= _half; k++)
        {
            int a = k == _half ? 0 : k;
            int b = k == 0 ? 0 : _half - k;
            double zr = _re[a], zi = _im[a];
            double cr = _re[b], ci = -_im[b];
            double er = 0.5 * (zr + cr), ei = 0.5 * (zi + ci);
            double dr = zr - cr, di = zi - ci;
            double or = 0.5 * di, oi = -0.5 * dr;
            double wr = _splitCos[k], wi = _splitSin[k];
            real[k] = er + (wr * or) - (wi * oi);
            imag[k] = ei + (wr * oi) + (wi * or);
        }
    }

    /// <summary>Writes |X[k]|² for bins 0…N/2 of the zero-padded <paramref name="input"/> into <paramref name="power"/>.</summary>
    public void PowerSpectrum(ReadOnlySpan<double> input, Span<double> power)
    {
        if (power.Length < BinCount)
        {
            throw new ArgumentException($"output needs {BinCount} bins", nameof(power));
        }

        Forward(input, power, _imagScratch);
        for (int k = 0; k < BinCount; k++)
        {
            power[k] = (power[k] * power[k]) + (_imagScratch[k] * _imagScratch[k]);
        }
    }

    private void Load(ReadOnlySpan<double> input)
    {
        for (int n = 0; n < _half; n++)
        {
            int i = 2 * n;
            double even = i < input.Length ? input[i] : 0.0;
            double odd = i + 1 < input.Length ? input[i + 1] : 0.0;
            int r = _bitReverse[n];
            _re[r] = even;
            _im[r] = odd;
        }
    }

    private void TransformHalf()
    {
        int n = _half;
        for (int len = 2; len <= n; len <<= 1)
        {
            int halfLen = len >> 1;
            int step = n / len;
            for (int start = 0; start < n; start += len)
            {
                for (int j = 0; j < halfLen; j++)
                {
                    double wr = _cos[j * step], wi = _sin[j * step];
                    int p = start + j, q = p + halfLen;
                    double tr = (_re[q] * wr) - (_im[q] * wi);
                    double ti = (_re[q] * wi) + (_im[q] * wr);
                    _re[q] = _re[p] - tr;
                    _im[q] = _im[p] - ti;
                    _re[p] += tr;
                    _im[p] += ti;
                }
            }
        }
    }
}
