using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Models.Blocks;

/// <summary>
/// Dropout (Srivastava et al. 2014, as torch.nn.Dropout): in training each element is zeroed with probability p,
/// independently, and the survivors are scaled by 1/(1 − p); in eval mode the input passes unchanged. Parameter-free,
/// so state dicts are those of nn.Dropout.
/// </summary>
/// <remarks>
/// On the CPU the keep/drop mask is drawn here rather than by libtorch: its CPU Bernoulli kernel draws one
/// Mersenne-twister number per element on a single thread (outside Intel's MKL path), which cost about a tenth of
/// a CMGAN training step. Here each pair of elements takes the two 32-bit halves of a SplitMix64 output for
/// (seed, pair index), so the mask is the same however the work is split over threads; the seed is drawn from
/// torch's default generator, so <c>manual_seed</c> and a restored RNG state reproduce the masks. The mask is
/// a byte per element, and the product of the input with it is what autograd keeps for the backward pass, where torch's
/// CPU dropout keeps a float mask of four bytes per element (over half a gigabyte in a CMGAN step at batch 1). Other
/// devices use torch's dropout.
/// </remarks>
internal sealed class MaskDropout : nn.Module<Tensor, Tensor>
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private const int Chunk = 1 << 20;
    private readonly double _p;
    private readonly uint _threshold;

    public MaskDropout(double p)
        : base("Dropout")
    {
        if (p is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1)");
        }

        _p = p;
        _threshold = (uint)Math.Round(p * 4294967296.0);
    }

    public override Tensor forward(Tensor input)
    {
        if (!training || _p == 0)
        {
            return input.alias(); // a fresh handle: callers such as Sequential dispose what a module returns
        }

        if (input.device_type != DeviceType.CPU || input.numel() > int.MaxValue)
        {
            return nn.functional.dropout(input, _p, training: true);
        }

        using var scope = NewDisposeScope();
        ulong seed;
        using (var draw = randint(long.MinValue, long.MaxValue, [1], dtype: ScalarType.Int64))
        {
            seed = unchecked((ulong)draw.item<long>()); // item<T> reads the value without a Scalar
        }

        var keep = empty(input.shape, dtype: ScalarType.Byte); // 1 where the element is kept
        FillKeepMask(keep, seed, _threshold);
        // A byte mask times a float tensor is a float tensor; autograd keeps the byte mask for the backward pass.
        using var survivorScale = (1.0 / (1.0 - _p)).ToScalar(); // owned: see TorchScalars
        return input.mul(keep).mul_(survivorScale).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Writes the mask for <paramref name="seed"/> into a contiguous byte tensor: 0 (drop) with probability
    /// threshold/2³², otherwise 1.
    /// </summary>
    internal static void FillKeepMask(Tensor keep, ulong seed, uint threshold)
    {
        int count = (int)keep.numel();
        int chunks = (count + Chunk - 1) / Chunk;
        if (chunks <= 1)
        {
            Fill(keep.bytes, 0, seed, threshold);
            return;
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, get_num_threads()) };
        Parallel.For(0, chunks, options, c =>
        {
            int start = c * Chunk;
            Fill(keep.bytes.Slice(start, Math.Min(Chunk, count - start)), start, seed, threshold);
        });
    }

    // Element i uses half (i mod 2) of SplitMix64(seed + (i / 2 + 1)·γ); chunks start at even indices.
    private static void Fill(Span<byte> mask, int start, ulong seed, uint threshold)
    {
        ulong state = seed + ((ulong)(start >> 1) * Gamma);
        int i = 0;
        for (; i + 1 < mask.Length; i += 2)
        {
            state += Gamma;
            ulong z = Mix(state);
            mask[i] = (uint)z < threshold ? (byte)0 : (byte)1;
            mask[i + 1] = (uint)(z >> 32) < threshold ? (byte)0 : (byte)1;
        }

        if (i < mask.Length)
        {
            mask[i] = (uint)Mix(state + Gamma) < threshold ? (byte)0 : (byte)1;
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
