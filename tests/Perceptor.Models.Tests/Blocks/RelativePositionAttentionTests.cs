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
}
