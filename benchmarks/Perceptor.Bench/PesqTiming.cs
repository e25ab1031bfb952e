using Perceptor.Quality.Pesq;

namespace Perceptor.Bench;

/// <summary>
/// Single-threaded time per pair for one length and mode: wall-clock median and minimum, and the process CPU time
/// per pair (close to the wall time on an idle machine; the better guide on a shared one).
/// </summary>
public sealed record PesqTiming(double Seconds, PesqMode Mode, double MedianMilliseconds, double MinMilliseconds,
    double CpuMilliseconds);
