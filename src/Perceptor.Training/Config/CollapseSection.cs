using System.ComponentModel;

namespace Perceptor.Training.Config;

/// <summary>The collapse watch: eval PESQ well below its peak while the training loss keeps falling.</summary>
public sealed record CollapseSection
{
    /// <summary>PESQ points below the peak that count as collapsed.</summary>
    [Description("PESQ drop below the peak that counts as collapse")]
    public double Drop { get; init; } = 0.2;

    /// <summary>Consecutive evaluated epochs the drop must last.</summary>
    [Description("evaluated epochs the drop must last")]
    public int Epochs { get; init; } = 2;

    /// <summary>Stop the run when the watch fires.</summary>
    [Description("stop the run when collapse is detected")]
    public bool EarlyStop { get; init; }
}
