namespace Perceptor.Quality.Stoi;

/// <summary>
/// Extended STOI, following Jensen &amp; Taal, "An Algorithm for Predicting the Intelligibility of Speech Masked by
/// Modulated Noise Maskers", IEEE/ACM TASLP 24(11), 2016: STOI's front end unchanged (10 kHz, the same silent-frame
/// removal, 15 one-third-octave band envelopes, 384 ms segments of N = 30 frames; <see cref="StoiFrontEnd"/>), but
/// each J×N segment of both envelopes is first normalised row by row (each band's envelope minus its mean over the
/// segment, scaled to unit norm) and then column by column (each frame's spectrum minus its mean over the bands,
/// scaled to unit norm), with no clipping. A segment scores the mean over its N frames of the inner product of the
/// clean and processed normalised columns (the paper's spectral correlation), and ESTOI is the mean over all
/// segments. Where the paper's normalisation divides by a zero norm (a band or frame with no variation at all, e.g.
/// every band of an all-zero processed signal) the normalised vector is taken as zero, the limit a small guard in
/// the denominator gives: such a band or frame correlates with nothing. A workspace: one instance per thread.
/// </summary>
public sealed class EstoiCalculator
{
    private const int Bands = StoiCalculator.BandCount;
    private const int N = StoiCalculator.SegmentFrames;

    private readonly StoiFrontEnd _frontEnd;
    private readonly double[] _x = new double[Bands * N];
    private readonly double[] _y = new double[Bands * N];

    /// <summary>Creates the workspace.</summary>
    public EstoiCalculator()
        : this(new StoiFrontEnd())
    {
    }

    /// <summary>A calculator that scores the envelopes of <paramref name="frontEnd"/> (shared with STOI in one scorer).</summary>
    internal EstoiCalculator(StoiFrontEnd frontEnd) => _frontEnd = frontEnd;

    /// <summary>ESTOI of <paramref name="processed"/> against <paramref name="clean"/> (equal lengths), NaN when undefined.</summary>
    public double Compute(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed, int sampleRate) =>
        Compute(clean, processed, sampleRate, out _);

    /// <summary>
    /// ESTOI in [−1, 1] (1 for identical signals); NaN with <paramref name="failure"/> saying why when the front end
    /// cannot produce one 384 ms segment (too short, silent clean signal, fewer than 30 frames of speech).
    /// </summary>
    public double Compute(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed, int sampleRate, out string? failure) =>
        _frontEnd.Analyse(clean, processed, sampleRate, out failure) ? ScoreAnalysed() : double.NaN;

    /// <summary>ESTOI of the envelopes the front end holds from its last successful analysis.</summary>
    internal double ScoreAnalysed()
    {
        int frames = _frontEnd.Frames;
        ReadOnlySpan<double> clean = _frontEnd.Clean;
        ReadOnlySpan<double> processed = _frontEnd.Processed;
        double sum = 0;
        int segments = frames - N + 1;
        for (int first = 0; first < segments; first++)
        {
            Normalise(clean, frames, first, _x);
            Normalise(processed, frames, first, _y);
            double dot = 0;
            for (int i = 0; i < _x.Length; i++)
            {
                dot += _x[i] * _y[i];
            }

            // Σ over columns of the column inner products is the sum over every cell; divide by N for the mean.
            sum += dot / N;
        }

        return sum / segments;
    }

    /// <summary>
    /// Copies the segment starting at frame <paramref name="first"/> into <paramref name="segment"/> (band-major,
    /// J rows of N) and normalises its rows, then its columns, to zero mean and unit norm.
    /// </summary>
    private static void Normalise(ReadOnlySpan<double> envelope, int frames, int first, Span<double> segment)
    {
        for (int k = 0; k < Bands; k++)
        {
            Span<double> row = segment.Slice(k * N, N);
            envelope.Slice((k * frames) + first, N).CopyTo(row);
            double mean = 0;
            for (int n = 0; n < N; n++)
            {
                mean += row[n];
            }

            mean /= N;
            double norm = 0;
            for (int n = 0; n < N; n++)
            {
                row[n] -= mean;
                norm += row[n] * row[n];
            }

            Scale(row, norm);
        }

        for (int n = 0; n < N; n++)
        {
            double mean = 0;
            for (int k = 0; k < Bands; k++)
            {
                mean += segment[(k * N) + n];
            }

            mean /= Bands;
            double norm = 0;
            for (int k = 0; k < Bands; k++)
            {
                double v = segment[(k * N) + n] - mean;
                segment[(k * N) + n] = v;
                norm += v * v;
            }

            double inverse = norm > 0 ? 1.0 / Math.Sqrt(norm) : 0.0;
            for (int k = 0; k < Bands; k++)
            {
                segment[(k * N) + n] *= inverse;
            }
        }
    }

    private static void Scale(Span<double> row, double squaredNorm)
    {
        double inverse = squaredNorm > 0 ? 1.0 / Math.Sqrt(squaredNorm) : 0.0;
        for (int n = 0; n < row.Length; n++)
        {
            row[n] *= inverse;
        }
    }
}
