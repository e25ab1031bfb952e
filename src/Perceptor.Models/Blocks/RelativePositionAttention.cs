using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Perceptor.Models.Blocks;

/// <summary>
/// Multi-head self-attention with Shaw et al. (2018) relative position scores:
/// s_ij = (q_i·k_j + q_i·E[clamp(i − j, −P, P) + P]) / sqrt(d_head), one embedding table E of 2P + 1 rows of d_head
/// shared by all heads, softmax over keys j, heads concatenated head-major, output projection, dropout on the
/// projected output (not on the attention weights). No mask: both directions are visible.
/// State-dict names: to_q, to_kv (keys first, then values), to_out, rel_pos_emb.
/// </summary>
internal sealed class RelativePositionAttention : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "to_q")]
    private readonly Linear _toQ;
    [ComponentName(Name = "to_kv")]
    private readonly Linear _toKv;
    [ComponentName(Name = "to_out")]
    private readonly Linear _toOut;
    [ComponentName(Name = "rel_pos_emb")]
    private readonly Embedding _relPosEmb;
    [ComponentName(Name = "dropout")]
    private readonly MaskDropout _dropout;
    private readonly int _heads;
    private readonly int _headDim;
    private readonly int _maxRelativePosition;
    private readonly double _scale;
    private readonly long _scoreChunkBytes;

    // scoreChunkBytes: budget of one chunk's score tensor (see ChunkSequences); tests shrink it.
    public RelativePositionAttention(int dim, int heads, int headDim, int maxRelativePosition, double dropout, long scoreChunkBytes = 32L << 20)
        : base(nameof(RelativePositionAttention))
    {
        _scoreChunkBytes = scoreChunkBytes;
        _heads = heads;
        _headDim = headDim;
        _maxRelativePosition = maxRelativePosition;
        _scale = 1.0 / Math.Sqrt(headDim);
        int inner = heads * headDim;
        _toQ = nn.Linear(dim, inner, hasBias: false);
        _toKv = nn.Linear(dim, 2 * inner, hasBias: false);
        _toOut = nn.Linear(inner, dim);
        _relPosEmb = nn.Embedding(2 * maxRelativePosition + 1, headDim);
        _dropout = new MaskDropout(dropout);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long batch = input.shape[0], length = input.shape[1];
        var unscaled = SplitHeads(_toQ.call(input), batch, length); // [N, H, L, d]
        // The scale is folded into q once; both score terms are linear in q.
        var q = unscaled.MulScalar(_scale); // [N, H, L, d]
        var kv = _toKv.call(input).chunk(2, -1); // 2 × [N, L, H·d]
        var k = SplitHeads(kv[0], batch, length); // [N, H, L, d]
        var v = SplitHeads(kv[1], batch, length); // [N, H, L, d]
        var relativeTable = _relPosEmb.call(RelativeIndex(length, input.device)); // [L, L, d]
        long chunk = ChunkSequences(batch, length);
        var heads = !training && !is_grad_enabled()
            ? InferenceHeads(unscaled, q, k, v, relativeTable, chunk)
            : TrainingHeads(q, k, v, relativeTable, chunk);
        var merged = heads.transpose(1, 2).reshape(batch, length, _heads * _headDim); // [N, L, H·d]
        var output = _dropout.call(_toOut.call(merged)); // [N, L, D]
        return output.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Evaluation without autograd: the position scores go in as the additive mask of libtorch's fused attention,
    /// which applies the same 1/sqrt(d) to q·k and never materialises the content scores or the softmax weights (the
    /// time stage of a 7.1 s utterance in the tiny model: 0.72 of the explicit form's time on one core). Equal to
    /// <see cref="TrainingHeads"/> to float rounding; training keeps the explicit form, whose gradients the tests pin.
    /// </summary>
    private static Tensor InferenceHeads(Tensor unscaled, Tensor q, Tensor k, Tensor v, Tensor relativeTable, long chunk)
    {
        var rawChunks = unscaled.split(chunk);
        var qs = q.split(chunk);
        var ks = k.split(chunk);
        var vs = v.split(chunk);
        var parts = new Tensor[qs.Length];
        for (int c = 0; c < qs.Length; c++)
        {
            using var positionScores = einsum("bhnd,nrd->bhnr", qs[c], relativeTable); // [n, H, L, L], already scaled
            parts[c] = nn.functional.scaled_dot_product_attention(rawChunks[c], ks[c], vs[c], positionScores); // [n, H, L, d]
        }

        return parts.Length == 1 ? parts[0] : cat(parts, 0); // [N, H, L, d]
    }

    private static Tensor TrainingHeads(Tensor q, Tensor k, Tensor v, Tensor relativeTable, long chunk)
    {
        // The [n, H, L, L] score tensors dominate memory (for 2 s clips the time stage has L = 321 and N = 101·B):
        // the sequences go through in chunks, and each score tensor is released as soon as autograd no longer needs
        // it rather than at the end of the scope.
        var qs = q.split(chunk); // split (not narrow): one backward node concatenates the chunks' gradients
        var ks = k.split(chunk);
        var vs = v.split(chunk);
        var parts = new Tensor[qs.Length];
        for (int c = 0; c < qs.Length; c++)
        {
            var scores = matmul(qs[c], ks[c].transpose(-1, -2)); // [n, H, L, L]
            using (var positionScores = einsum("bhnd,nrd->bhnr", qs[c], relativeTable)) // [n, H, L, L]
            {
                scores.PlusInPlace(positionScores); // matmul's backward needs its inputs, not its output
            }

            var weights = scores.softmax(-1); // [n, H, L, L]
            scores.Dispose();
            parts[c] = matmul(weights, vs[c]); // [n, H, L, d]
            weights.Dispose();
        }

        return parts.Length == 1 ? parts[0] : cat(parts, 0); // [N, H, L, d]
    }

    // Sequences per chunk so that one chunk's [n, H, L, L] score tensor stays near 32 MB. Whole-batch score tensors
    // (166 MB per 2 s clip in the time stage, 665 MB at batch 4) are transients several times the size of anything
    // else; the holes they leave in the heap fit nothing, and the peak during the attention is four of them.
    private long ChunkSequences(long batch, long length)
    {
        long perSequence = _heads * length * length * sizeof(float);
        return Math.Clamp(_scoreChunkBytes / perSequence, 1, batch);
    }

    private Tensor SplitHeads(Tensor projected, long batch, long length) =>
        projected.view(batch, length, _heads, _headDim).transpose(1, 2); // [N, H, L, d]

    /// <summary>Row index into the embedding table for query i and key j: clamp(i − j, −P, P) + P.</summary>
    private Tensor RelativeIndex(long length, Device device)
    {
        var positions = TorchScalars.Range(length, ScalarType.Int64, device); // [L]
        var offsets = positions.unsqueeze(1) - positions.unsqueeze(0); // [L, L]
        return offsets.ClampScalar(-_maxRelativePosition, _maxRelativePosition).AddScalar(_maxRelativePosition); // [L, L]
    }
}
