namespace Perceptor.Experiments.Reporting;

/// <summary>One arm against the baseline on final eval PESQ.</summary>
/// <param name="Arm">The arm.</param>
/// <param name="Kind">What the comparison says.</param>
/// <param name="Delta">Mean final PESQ of the arm minus the baseline's (null when either has none).</param>
/// <param name="Noise">
/// The threshold the difference had to beat: spread factor × the standard deviation of the per-seed differences when
/// <paramref name="Paired"/>, else × the larger of the two arms' seed standard deviations.
/// </param>
/// <param name="Seeds">Seeds compared: those both arms ran when paired, else the smaller of the two arms' counts.</param>
/// <param name="Sentence">The comparison in words, with its numbers.</param>
/// <param name="Paired">True when the arms were compared seed by seed (both ran the same seeds).</param>
public sealed record ArmComparison(string Arm, VerdictKind Kind, double? Delta, double? Noise, int Seeds, string Sentence, bool Paired = false);
