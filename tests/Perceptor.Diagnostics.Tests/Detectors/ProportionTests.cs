using Perceptor.Diagnostics.Detectors;

namespace Perceptor.Diagnostics.Tests.Detectors;

public class ProportionTests
{
    [Fact]
    public void The_wilson_interval_matches_its_textbook_values()
    {
        // Wilson score interval, z = 1.96: 15 of 374 → [0.02445, 0.06511], 0 of 100 → [0, 3.84/103.84] (computed
        // separately in Python from Wilson's formula).
        var p = new Proportion(15, 374, Exact: false);
        Assert.Equal(0.040107, p.Value, 6);
        Assert.Equal(0.024454, p.Lower, 5);
        Assert.Equal(0.065112, p.Upper, 5);
    }

    [Fact]
    public void Zero_events_still_give_an_upper_bound()
    {
        var p = new Proportion(0, 100, Exact: false);
        Assert.Equal(0, p.Lower);
        Assert.InRange(p.Upper, 0.036, 0.038);
    }

    [Fact]
    public void An_exact_count_has_no_interval()
    {
        var p = new Proportion(10, 40, Exact: true);
        Assert.Equal((0.25, 0.25, 0.25), (p.Value, p.Lower, p.Upper));
    }
}
