using Perceptor.Diagnostics.Findings;

namespace Perceptor.Diagnostics.Comparison;

/// <summary>One factor a run declares it changed against the baseline, and the hypothesis it bears on.</summary>
/// <param name="Hypothesis">The hypothesis the change tests.</param>
/// <param name="What">The change in words, e.g. "removed discriminator skipping (pesq.failures=mask)".</param>
/// <param name="RemovesCause">True when the change removes the hypothesised cause outright (never skipping for H1,
/// deterministic eval for H4): a collapse that persists then rules the hypothesis out, rather than only weakening it.</param>
public sealed record ChangedFactor(HypothesisId Hypothesis, string What, bool RemovesCause);
