using Perceptor.Models.Blocks;
using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Models.Tests.Blocks;

[Collection(TorchCollection.Name)]
public class RelativePositionAttentionTests
{
    [Fact]
    public void Scores_add_a_clipped_relative_position_term_per_query_key_pair()
    {
        const int dim = 5, heads = 2, headDim = 3, maxRelative = 2, length = 6;
        using var attention = new RelativePositionAttention(dim, heads, headDim, maxRelative, dropout: 0.0);
        attention.eval();
        using var scope = NewDisposeScope();
        var x = randn(2, length, dim);
        var p = attention.state_dict();

        var actual = attention.call(x);

        // Element-by-element reference: s_ij = (q_i·k_j + q_i·E[clamp(i − j, −P, P) + P]) / sqrt(d).
        var q = nn.functional.linear(x, p["to_q"  + ".weight"]); // [N, L, H·d]
        var kv = nn.functional.linear(x, p["to_kv.weight"]);
        var k = kv.narrow(2, 0, heads * headDim);
        var v = kv.narrow(2, heads * headDim, heads * headDim);
        var table = p["rel_pos_emb.weight"]; // [2P + 1, d]
        var merged = zeros(2, length, heads * headDim);
        double scale = 1.0 / Math.Sqrt(headDim);
        for (int n = 0; n < 2; n++)
        {
            for (int h = 0; h < heads; h++)
            {
                var qh = q[n, .., (h * headDim)..((h + 1) * headDim)];
                var kh = k[n, .., (h * headDim)..((h + 1) * headDim)];
                var vh = v[n, .., (h * headDim)..((h + 1) * headDim)];
                var scores = zeros(length, length);
                for (int i = 0; i < length; i++)
                {
                    for (int j = 0; j < length; j++)
                    {
                        int row = Math.Clamp(i - j, -maxRelative, maxRelative) + maxRelative;
                        scores[i, j] = (qh[i] * kh[j]).sum().Plus((qh[i] * table[row]).sum()).MulScalar(scale);
                    }
                }

                merged[n, .., (h * headDim)..((h + 1) * headDim)] = scores.softmax(1).matmul(vh);
            }
        }

        var expected = nn.functional.linear(merged, p["to_out.weight"], p["to_out.bias"]);
        Assert.True(actual.allclose(expected, rtol: 1e-4, atol: 1e-5), $"max difference {(actual - expected).abs().max().ToSingleValue()}");
    }

    [Fact]
    public void The_embedding_table_has_two_max_distance_plus_one_rows_shared_by_the_heads()
    {
        using var attention = new RelativePositionAttention(64, 4, 16, 512, 0.2);

        Assert.Equal([1025L, 16], attention.state_dict()["rel_pos_emb.weight"].shape);
    }

    [Fact]
    public void Chunked_sequences_give_the_same_output_and_gradients_as_one_pass()
    {
        const int dim = 6, heads = 2, headDim = 3, maxRelative = 3, length = 9, sequences = 7;
        // A budget of two sequences' scores per chunk: chunks of 2, 2, 2 and 1.
        long twoSequences = 2L * heads * length * length * sizeof(float);
        using var whole = new RelativePositionAttention(dim, heads, headDim, maxRelative, dropout: 0.0);
        using var chunked = new RelativePositionAttention(dim, heads, headDim, maxRelative, dropout: 0.0, scoreChunkBytes: twoSequences);
        chunked.load_state_dict(whole.state_dict());
        using var scope = NewDisposeScope();
        var x = randn(sequences, length, dim);
        var upstream = randn(sequences, length, dim);
        var xWhole = x.clone().requires_grad_(true);
        var xChunked = x.clone().requires_grad_(true);

        var outWhole = whole.call(xWhole);
        var outChunked = chunked.call(xChunked);
        (outWhole * upstream).sum().backward();
        (outChunked * upstream).sum().backward();

        Assert.True(outChunked.allclose(outWhole, rtol: 1e-5, atol: 1e-6), $"output differs by {outChunked.sub(outWhole).abs().max().ToSingleValue()}");
        Assert.True(xChunked.grad!.allclose(xWhole.grad!, rtol: 1e-5, atol: 1e-6), "input gradients differ");
        var wholeParams = whole.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, parameter) in chunked.named_parameters())
        {
            var expected = wholeParams[name].grad!;
            Assert.True(parameter.grad!.allclose(expected, rtol: 1e-5, atol: 1e-6), $"{name}: gradient differs by {parameter.grad!.sub(expected).abs().max().ToSingleValue()}");
        }
    }

    [Fact]
    public void Gradients_match_the_gathered_table_formulation()
    {
        // Reference: scores from an explicit [L, L, d] gather of the table, element by element in i − j.
        const int dim = 4, heads = 2, headDim = 2, maxRelative = 2, length = 5, sequences = 3;
        using var attention = new RelativePositionAttention(dim, heads, headDim, maxRelative, dropout: 0.0);
        using var scope = NewDisposeScope();
        var p = attention.named_parameters().ToDictionary(t => t.name, t => t.parameter);
        var x = randn(sequences, length, dim);
        var upstream = randn(sequences, length, dim);

        var xa = x.clone().requires_grad_(true);
        (attention.call(xa) * upstream).sum().backward();
        var actual = p.ToDictionary(kv => kv.Key, kv => kv.Value.grad!.clone());
        attention.zero_grad();

        var xr = x.clone().requires_grad_(true);
        var offsets = new long[length * length];
        for (int i = 0; i < length; i++)
        {
            for (int j = 0; j < length; j++)
            {
                offsets[(i * length) + j] = Math.Clamp(i - j, -maxRelative, maxRelative) + maxRelative;
            }
        }

        var index = tensor(offsets, [length, length]);

        var q = nn.functional.linear(xr, p["to_q.weight"]).view(sequences, length, heads, headDim).transpose(1, 2);
        var kv = nn.functional.linear(xr, p["to_kv.weight"]);
        var k = kv.narrow(2, 0, heads * headDim).view(sequences, length, heads, headDim).transpose(1, 2);
        var v = kv.narrow(2, heads * headDim, heads * headDim).view(sequences, length, heads, headDim).transpose(1, 2);
        var table = p["rel_pos_emb.weight"].index_select(0, index.flatten()).view(length, length, headDim);
        var scores = q.matmul(k.transpose(2, 3)).Plus(einsum("bhid,ijd->bhij", q, table)).DivScalar(Math.Sqrt(headDim));
        var merged = scores.softmax(-1).matmul(v).transpose(1, 2).reshape(sequences, length, heads * headDim);
        var expectedOut = nn.functional.linear(merged, p["to_out.weight"], p["to_out.bias"]);
        (expectedOut * upstream).sum().backward();

        Assert.True(xa.grad!.allclose(xr.grad!, rtol: 1e-4, atol: 1e-5), $"input gradient differs by {xa.grad!.sub(xr.grad!).abs().max().ToSingleValue()}");
        foreach (var (name, parameter) in p)
        {
            Assert.True(actual[name].allclose(parameter.grad!, rtol: 1e-4, atol: 1e-5), $"{name}: gradient differs by {actual[name].sub(parameter.grad!).abs().max().ToSingleValue()}");
        }
    }

    [Theory]
    [InlineData(4, 1 << 20)] // shorter than the clipping distance, one chunk
    [InlineData(11, 3 * 2 * 11 * 11 * sizeof(float))] // longer (the table's end rows repeat), chunks of 3, 3 and 1
    public void Evaluation_without_autograd_equals_the_explicit_scores(int length, long scoreChunkBytes)
    {
        // The fused path (libtorch's attention with the position scores as its additive mask) runs only in eval mode
        // without autograd; the same module with autograd on takes the explicit path that training uses.
        const int dim = 6, heads = 2, headDim = 4, maxRelative = 3, sequences = 7;
        using var attention = new RelativePositionAttention(dim, heads, headDim, maxRelative, dropout: 0.0, scoreChunkBytes);
        attention.eval();
        using var scope = NewDisposeScope();
        var x = randn(sequences, length, dim);

        var explicitOut = attention.call(x);
        Tensor fused;
        using (no_grad())
        {
            fused = attention.call(x);
        }

        Assert.True(explicitOut.requires_grad);
        Assert.False(fused.requires_grad);
        Assert.Equal(explicitOut.shape, fused.shape);
        Assert.True(fused.allclose(explicitOut.detach(), rtol: 1e-5, atol: 1e-6), $"max difference {fused.sub(explicitOut.detach()).abs().max().ToSingleValue()}");
    }
}
