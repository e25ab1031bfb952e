namespace Perceptor.Quality.Composite;

/// <summary>
/// Log-likelihood ratio (Itakura) as in Hu &amp; Loizou's composite measures: per windowed frame, LPC of order 16
/// (10 below 10 kHz) from the autocorrelation by Levinson–Durbin, LLR_m = ln(A_p·R_c·A_pᵀ / A_c·R_c·A_cᵀ) with R_c
/// the Toeplitz autocorrelation matrix of the clean frame; the result is the 95 % trimmed mean over frames. An
/// all-zero clean frame gives 0/0 = NaN, sorted last as the reference does. A workspace: one instance per thread.
/// </summary>
public sealed class LogLikelihoodRatio : TrimmedFrameMeasure
{
    private readonly double[] _window;
    private readonly double[] _cleanFrame;
    private readonly double[] _processedFrame;
    private readonly double[] _rClean;
    private readonly double[] _rProcessed;
    private readonly double[] _aClean;
    private readonly double[] _aProcessed;
    private readonly double[] _previous;

    /// <summary>Creates the workspace for <paramref name="sampleRate"/> Hz.</summary>
    public LogLikelihoodRatio(int sampleRate = 16000)
        : base(sampleRate)
    {
        Order = sampleRate < 10000 ? 10 : 16;
        int frame = FrameLength;
        _window = CompositeFraming.Window(frame);
        _cleanFrame = new double[frame];
        _processedFrame = new double[frame];
        _rClean = new double[Order + 1];
        _rProcessed = new double[Order + 1];
        _aClean = new double[Order + 1];
        _aProcessed = new double[Order + 1];
        _previous = new double[Order + 1];
    }

    /// <summary>LPC order P.</summary>
    public int Order { get; }

    /// <inheritdoc />
    protected override double Frame(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed)
    {
        for (int n = 0; n < _window.Length; n++)
        {
            _cleanFrame[n] = clean[n] * _window[n];
            _processedFrame[n] = processed[n] * _window[n];
        }

        Autocorrelation(_cleanFrame, _rClean);
        Autocorrelation(_processedFrame, _rProcessed);
        Levinson(_rClean, _aClean, _previous);
        Levinson(_rProcessed, _aProcessed, _previous);
        return Math.Log(ToeplitzForm(_aProcessed, _rClean) / ToeplitzForm(_aClean, _rClean));
    }

    private static void Autocorrelation(ReadOnlySpan<double> x, Span<double> r)
    {
        for (int k = 0; k < r.Length; k++)
        {
            double sum = 0;
            for (int n = 0; n + k < x.Length; n++)
            {
                sum += x[n] * x[n + k];
            }

            r[k] = sum;
        }
    }

    /// <summary>
    /// Levinson–Durbin recursion on autocorrelation <paramref name="r"/>, writing the prediction-error filter
    /// A = [1, −a₁, …, −a_P] into <paramref name="a"/>.
    /// </summary>
    private static void Levinson(ReadOnlySpan<double> r, Span<double> a, Span<double> previous)
    {
        int order = r.Length - 1;
        // Work on the predictor coefficients a₁…a_P in a[1..], then negate.
        a.Clear();
        double error = r[0];
        for (int i = 0; i < order; i++)
        {
            double acc = 0;
            for (int j = 1; j <= i; j++)
            {
                acc += a[j] * r[i + 1 - j];
            }

            double k = (r[i + 1] - acc) / error;
            a[..(i + 1)].CopyTo(previous);
            for (int j = 1; j <= i; j++)
            {
                a[j] = previous[j] - (k * previous[i + 1 - j]);
            }

            a[i + 1] = k;
            error *= 1.0 - (k * k);
        }

        a[0] = 1.0;
        for (int j = 1; j <= order; j++)
        {
            a[j] = -a[j];
        }
    }

    /// <summary>A·T(r)·Aᵀ with T(r) the symmetric Toeplitz matrix of <paramref name="r"/>.</summary>
    private static double ToeplitzForm(ReadOnlySpan<double> a, ReadOnlySpan<double> r)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double row = 0;
            for (int j = 0; j < a.Length; j++)
            {
                row += r[Math.Abs(i - j)] * a[j];
            }

            sum += a[i] * row;
        }

        return sum;
    }
}
