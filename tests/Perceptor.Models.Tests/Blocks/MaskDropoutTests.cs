using Perceptor.Models.Blocks;
using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Models.Tests.Blocks;

[Collection(TorchCollection.Name)]
public class MaskDropoutTests
{
    [Fact]
    public void Training_zeroes_about_p_of_the_elements_and_scales_the_rest_exactly()
    {
        using var dropout = new MaskDropout(0.2);
        dropout.train();
        using var scope = NewDisposeScope();
        manual_seed(3);
        var x = rand(400, 1000).AddScalar(0.5); // no zeros in the input, so a zero in the output is a dropped element
        var y = dropout.call(x);

        var dropped = y.EqScalar(0);
        double fraction = dropped.to(ScalarType.Float64).mean().ToDoubleValue();
        // 400 000 Bernoulli(0.2) draws: the standard deviation of the fraction is 0.00063.
        Assert.InRange(fraction, 0.2 - 0.003, 0.2 + 0.003);
        var kept = dropped.logical_not();
        Assert.True(y.masked_select(kept).eq(x.masked_select(kept).MulScalar(1.25)).all().ToBooleanValue(), "survivors are not x / (1 - p)");
    }

    [Fact]
    public void The_gradient_is_the_mask_times_the_scale()
    {
        using var dropout = new MaskDropout(0.5);
        dropout.train();
        using var scope = NewDisposeScope();
        var x = rand(50, 60).AddScalar(0.5).requires_grad_(true);
        var y = dropout.call(x);
        var upstream = randn(50, 60);
        (y * upstream).sum().backward();

        var expected = where(y.EqScalar(0), zeros_like(upstream), upstream.MulScalar(2.0));
        Assert.True(x.grad!.eq(expected).all().ToBooleanValue());
    }

    [Fact]
    public void The_same_seed_gives_the_same_masks_and_successive_calls_differ()
    {
        using var dropout = new MaskDropout(0.3);
        dropout.train();
        using var scope = NewDisposeScope();
        var x = ones(200, 300);
        manual_seed(11);
        var first = dropout.call(x);
        var second = dropout.call(x);
        manual_seed(11);
        var again = dropout.call(x);

        Assert.True(TensorAssert.Same(first, again));
        Assert.False(TensorAssert.Same(first, second));
    }

    [Fact]
    public void The_mask_does_not_depend_on_how_many_threads_draw_it()
    {
        int threads = get_num_threads();
        using var scope = NewDisposeScope();
        // Over one chunk of 2^20 elements, so the parallel path runs; an odd count exercises the last half pair.
        var one = empty(3_000_001, dtype: ScalarType.Byte);
        var two = empty(3_000_001, dtype: ScalarType.Byte);
        try
        {
            set_num_threads(1);
            MaskDropout.FillKeepMask(one, 0x1234_5678_9ABC_DEF0UL, 858_993_459);
            set_num_threads(2);
            MaskDropout.FillKeepMask(two, 0x1234_5678_9ABC_DEF0UL, 858_993_459);
        }
        finally
        {
            set_num_threads(threads);
        }

        Assert.True(TensorAssert.Same(one, two));
        double kept = one.to(ScalarType.Float64).mean().ToDoubleValue();
        Assert.InRange(kept, 0.8 - 0.002, 0.8 + 0.002);
    }

    [Fact]
    public void Eval_mode_and_zero_probability_pass_the_input_through_as_a_new_handle()
    {
        using var dropout = new MaskDropout(0.2);
        using var none = new MaskDropout(0.0);
        none.train();
        dropout.eval();
        using var scope = NewDisposeScope();
        var x = randn(10, 10);

        var evaluated = dropout.call(x);
        var unchanged = none.call(x);

        Assert.True(TensorAssert.Same(evaluated, x));
        Assert.True(TensorAssert.Same(unchanged, x));
        Assert.NotSame(x, evaluated);
        evaluated.Dispose(); // the caller's handle stays valid
        Assert.Equal(100, x.numel());
    }

    [Fact]
    public void A_probability_outside_zero_to_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaskDropout(1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaskDropout(-0.1));
    }
}
