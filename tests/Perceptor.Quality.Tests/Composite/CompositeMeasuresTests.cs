using Perceptor.Quality.Composite;

namespace Perceptor.Quality.Tests.Composite;

public class CompositeMeasuresTests
{
    [Fact]
    public void The_regressions_are_hu_and_loizous()
    {
        Assert.Equal(3.093 - (1.029 * 0.5) + (0.603 * 2.5) - (0.009 * 30), CompositeMeasures.Csig(2.5, 0.5, 30), 12);
        Assert.Equal(1.634 + (0.478 * 2.5) - (0.007 * 30) + (0.063 * 5), CompositeMeasures.Cbak(2.5, 30, 5), 12);
        Assert.Equal(1.594 + (0.805 * 2.5) - (0.512 * 0.5) - (0.007 * 30), CompositeMeasures.Covl(2.5, 0.5, 30), 12);
    }

    [Fact]
    public void Results_are_clipped_to_the_mos_range()
    {
        Assert.Equal(5.0, CompositeMeasures.Csig(4.64, 0, 0));
        Assert.Equal(1.0, CompositeMeasures.Covl(1.0, 2.0, 80));
        Assert.Equal(1.0, CompositeMeasures.Cbak(1.0, 90, -10));
        Assert.True(double.IsNaN(CompositeMeasures.Clip(double.NaN)));
    }
}
