namespace Perceptor.Training.Probes;

/// <summary>Decides from the evaluated epochs so far whether the run is in collapse at the latest one.</summary>
public interface ICollapseRule
{
    /// <summary>The verdict at the last entry of <paramref name="history"/>, or null when not collapsed.</summary>
    CollapseVerdict? Check(IReadOnlyList<EpochScore> history, double drop, int epochs);
}
