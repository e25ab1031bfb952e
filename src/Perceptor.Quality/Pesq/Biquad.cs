namespace Perceptor.Quality.Pesq;

/// <summary>
/// One second-order IIR section in the form the standard's filters are given: w[n] = x[n] - a1 w[n-1] - a2 w[n-2],
/// y[n] = b0 w[n] + b1 w[n-1] + b2 w[n-2]. Coefficients are single precision, as published.
/// </summary>
internal readonly record struct Biquad(float B0, float B1, float B2, float A1, float A2);
