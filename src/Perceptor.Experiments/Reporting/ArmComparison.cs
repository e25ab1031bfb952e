namespace Perceptor.Experiments.Reporting;

/// <summary>One arm against the baseline on final eval PESQ.</summary>
/// <param name="Arm">The arm.</param>
/// <param name="Kind">What the comparison says.</param>
/// <param name="Delta">Mean final PESQ of the arm minus the baseline's (null when either has none).</param>
/// <param name="Noise">The threshold the difference had to beat: spread factor × the larger seed standard deviation.</param>
/// <param name="Seeds">Seeds compared (the smaller of the two arms' counts).</param>
/// <param name="Sentence">The comparison in words, with its numbers.</param>
public sealed record ArmComparison(string Arm, VerdictKind Kind, double? Delta, double? Noise, int Seeds, string Sentence);
