using Perceptor.Diagnostics.Readers;

namespace Perceptor.Diagnostics.Tests.Readers;

public class ZeroLossRuleTests
{
    private static bool?[] Classify(params string[] tokens) => ZeroLossRule.Classify(
        tokens.Select(t => (LogNumber.TryParse(t, out double v) ? (double?)v : null, (string?)t)).ToList()).Skipped;

    [Fact]
    public void Python_reprs_of_zero_are_skips_and_anything_else_an_update()
    {
        Assert.Equal([true, false, false, true], Classify("0.0", "3.1e-06", "0.0045", "0"));
    }

    [Fact]
    public void A_fixed_format_zero_far_below_every_logged_loss_is_a_skip()
    {
        var (skipped, note) = ZeroLossRule.Classify(
            new (double?, string?)[] { (0, "0.000000"), (0.004512, "0.004512"), (0.000310, "0.000310") });
        Assert.Equal([true, false, false], skipped);
        Assert.Contains("6 decimals", note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixed_format_zero_near_the_logged_losses_stays_unknown()
    {
        Assert.Equal([null, false, false], Classify("0.0000", "0.0003", "0.0051"));
    }

    [Fact]
    public void A_one_decimal_log_cannot_tell_zero_from_small()
    {
        Assert.Equal([null, false], Classify("0.0", "0.1"));
    }
}
