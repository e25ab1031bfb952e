using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Models.Tests;

[Collection(TorchCollection.Name)]
public class SpectralFrontEndTests
{
    [Fact]
    public void The_window_is_a_periodic_hamming_of_n_fft_samples()
    {
        using var frontEnd = new SpectralFrontEnd();
        var w = frontEnd.Window.data<float>().ToArray();

        Assert.Equal(400, w.Length);
        Assert.Equal(0.08, w[0], 6);
        Assert.Equal(1.0, w[200], 6);
        Assert.Equal(0.54 - 0.46 * Math.Cos(2 * Math.PI * 37 / 400), w[37], 6);
        Assert.Equal(w[1], w[399], 6); // periodic: symmetric about n = 200, not about 199.5
    }

    [Theory]
    [InlineData(32000, 321)]
    [InlineData(1600, 17)]
    [InlineData(1650, 17)]
    [InlineData(1699, 17)]
    public void Frames_are_one_plus_the_length_over_the_hop(int length, int frames)
    {
        using var frontEnd = new SpectralFrontEnd();
        using var scope = NewDisposeScope();

        var spectrum = frontEnd.Stft(randn(2, length));

        Assert.True(spectrum.is_complex());
        Assert.Equal([2L, 201, frames], spectrum.shape);
        Assert.Equal(frames, frontEnd.FrameCount(length));
    }

    [Fact]
    public void The_spectrum_is_the_raw_windowed_dft_sum()
    {
        using var frontEnd = new SpectralFrontEnd();
        using var scope = NewDisposeScope();
        // A constant 1: the DC bin of an interior frame is the window's sum, 0.54·400 = 216 (no 1/N, no window norm).
        var dc = frontEnd.Stft(ones(1, 1600));
        Assert.Equal(216.0, dc[0, 0, 8].abs().ToDoubleValue(), 3);

        // A unit cosine on bin 10 (400 Hz): the bin holds half the window's sum, 108.
        var n = TorchScalars.Range(1600, ScalarType.Float64);
        var tone = n.MulScalar(2 * Math.PI * 10 / 400).cos().to(ScalarType.Float32).unsqueeze(0);
        var spectrum = frontEnd.Stft(tone);
        Assert.Equal(108.0, spectrum[0, 10, 8].abs().ToDoubleValue(), 2);
    }

    [Theory]
    [InlineData(1600)]
    [InlineData(32000)]
    public void Stft_then_istft_reconstructs_a_multiple_of_the_hop_to_float_precision(int length)
    {
        using var frontEnd = new SpectralFrontEnd();
        using var scope = NewDisposeScope();
        var audio = randn(2, length).MulScalar(0.3);

        var back = frontEnd.Istft(frontEnd.Stft(audio));

        Assert.Equal([2L, length], back.shape);
        Assert.True((back - audio).abs().max().ToSingleValue() < 1e-5f);
    }

    [Fact]
    public void Without_a_length_the_istft_returns_hop_times_frames_minus_one_samples()
    {
        using var frontEnd = new SpectralFrontEnd();
        using var scope = NewDisposeScope();
        var audio = randn(1, 1650).MulScalar(0.3);

        var spectrum = frontEnd.Stft(audio);
        var cut = frontEnd.Istft(spectrum);
        var full = frontEnd.Istft(spectrum, 1650);

        Assert.Equal([1L, 1600], cut.shape);
        Assert.True((cut - audio.narrow(1, 0, 1600)).abs().max().ToSingleValue() < 1e-5f);
        Assert.Equal([1L, 1650], full.shape);
        Assert.True((full - audio).abs().max().ToSingleValue() < 1e-5f);
    }

    [Fact]
    public void Compression_raises_the_magnitude_to_the_exponent_and_keeps_zero_bins_zero()
    {
        using var frontEnd = new SpectralFrontEnd();
        using var scope = NewDisposeScope();
        var spectrum = complex(randn(2, 201, 9).MulScalar(50), randn(2, 201, 9).MulScalar(50));
        var zeroMask = rand(2, 201, 9).LtScalar(0.2);
        using var zero = 0.ToScalar();
        spectrum = spectrum.masked_fill(zeroMask, zero);

        var (real, imag) = frontEnd.Compress(spectrum);

        var magnitude = real.Squared().Plus(imag.Squared()).sqrt();
        Assert.True(magnitude.allclose(spectrum.abs().PowScalar(0.3), rtol: 1e-5, atol: 1e-6));
        Assert.True(atan2(imag, real).masked_select(zeroMask.logical_not()).allclose(spectrum.angle().masked_select(zeroMask.logical_not()), rtol: 1e-4, atol: 1e-5));
        Assert.True(real.masked_select(zeroMask).EqScalar(0).all().ToBooleanValue());
        Assert.True(imag.masked_select(zeroMask).EqScalar(0).all().ToBooleanValue());

        var restored = frontEnd.Decompress(real, imag);

        Assert.True(restored.allclose(spectrum, rtol: 1e-4, atol: 1e-3));
        Assert.True(restored.abs().masked_select(zeroMask).EqScalar(0).all().ToBooleanValue());
    }

    [Fact]
    public void Decompression_is_differentiable_at_exact_zeros()
    {
        using var frontEnd = new SpectralFrontEnd();
        using var scope = NewDisposeScope();
        var real = tensor(new[] { 0f, 0f, 0.5f, -1.2f }).requires_grad_();
        var imag = tensor(new[] { 0f, 0.3f, 0f, 0.7f }).requires_grad_();

        var decompressed = frontEnd.Decompress(real, imag);
        var loss = decompressed.abs().sum().Plus(decompressed.real.sum());
        loss.backward();

        Assert.True(real.grad!.isfinite().all().ToBooleanValue());
        Assert.True(imag.grad!.isfinite().all().ToBooleanValue());
        Assert.Equal(0f, real.grad[0].ToSingleValue());
    }

    [Fact]
    public void Normalisation_gives_the_noisy_signal_unit_mean_square()
    {
        using var frontEnd = new SpectralFrontEnd();
        using var scope = NewDisposeScope();
        var noisy = randn(3, 4000) * tensor(new[] { 0.01f, 0.3f, 2f }).unsqueeze(1);

        var c = frontEnd.NormalisationFactor(noisy);

        Assert.Equal([3L, 1], c.shape);
        var meanSquare = (noisy * c).Squared().mean([1]);
        Assert.True(meanSquare.allclose(ones(3), rtol: 1e-4));
    }

    [Fact]
    public void Bad_inputs_are_rejected_with_the_reason()
    {
        using var frontEnd = new SpectralFrontEnd();
        using var scope = NewDisposeScope();

        var tooShort = Assert.Throws<ArgumentException>(() => frontEnd.Stft(randn(1, 200)));
        Assert.Contains("too short", tooShort.Message, StringComparison.Ordinal);

        var notComplex = Assert.Throws<ArgumentException>(() => frontEnd.Istft(randn(1, 201, 9)));
        Assert.Contains("complex", notComplex.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentOutOfRangeException>(() => new SpectralFrontEnd(nFft: 401));
    }

    [Fact]
    public void The_window_lives_on_the_requested_device()
    {
        using var frontEnd = new SpectralFrontEnd(CPU);

        Assert.Equal(DeviceType.CPU, frontEnd.Window.device_type);
        Assert.Equal(DeviceType.CPU, frontEnd.Device.type);
    }
}
