using Perceptor.Diagnostics.Analysis;

namespace Perceptor.Diagnostics.Comparison;

/// <summary>One run of a comparison: its name, the change it declares against the baseline, and its diagnosis.</summary>
/// <param name="Name">The name it is shown under (its label, else its file or folder name).</param>
/// <param name="Change">The declared change; null for a run that declares none.</param>
/// <param name="Diagnosis">Its diagnosis.</param>
public sealed record ComparedRun(string Name, DeclaredChange? Change, Diagnosis Diagnosis);
