namespace Perceptor.Diagnostics.Detectors;

/// <summary>Thresholds of the collapse rule (<see cref="CollapseRule"/>).</summary>
public sealed record CollapseOptions
{
    /// <summary>How far below its peak eval PESQ must be (PESQ points). Default 0.2.</summary>
    public double Drop { get; init; } = 0.2;

    /// <summary>For how many consecutive evaluated epochs. Default 2.</summary>
    public int Epochs { get; init; } = 2;

    /// <summary>Throws when a threshold is out of range.</summary>
    public void Validate()
    {
        if (!double.IsFinite(Drop) || Drop <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Drop), Drop, "the collapse drop must be a positive number of PESQ points");
        }

        if (Epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "the collapse needs at least 1 epoch");
        }
    }
}
