namespace Perceptor.Audio.Synthesis;

/// <summary>
/// Two-pole digital resonator in the form used by formant synthesisers (Klatt, JASA 67(3), 1980, eq. 2):
/// y[n] = A·x[n] + B·y[n-1] + C·y[n-2] with C = -exp(-2πBT), B = 2·exp(-πBT)·cos(2πFT), A = 1 - B - C.
/// Unity gain at DC keeps a cascade's level stable while its frequencies glide.
/// </summary>
internal struct Resonator
{
    private double _a;
    private double _b;
    private double _c;
    private double _y1;
    private double _y2;

    public void Tune(double frequencyHz, double bandwidthHz, int sampleRate)
    {
        double t = 1.0 / sampleRate;
        double r = Math.Exp(-Math.PI * bandwidthHz * t);
        _c = -r * r;
        _b = 2 * r * Math.Cos(2 * Math.PI * frequencyHz * t);
        _a = 1 - _b - _c;
    }

    public double Process(double x)
    {
        double y = _a * x + _b * _y1 + _c * _y2;
        _y2 = _y1;
        _y1 = y;
        return y;
    }
}
