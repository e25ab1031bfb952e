using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Detectors;

/// <summary>
/// What several detectors need and each would otherwise recompute: the options, the collapse rule's answer, the
/// discriminator accounting and the batch size the step counters imply. Built once per diagnosis from the run alone.
/// </summary>
public sealed record DiagnosisContext(DiagnosisOptions Options, CollapseResult Collapse, DiscAccounting Disc, BatchEvidence Batch)
{
    /// <summary>Computes the context of <paramref name="run"/>.</summary>
    public static DiagnosisContext Create(RunData run, DiagnosisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        options ??= new DiagnosisOptions();
        return new DiagnosisContext(options, CollapseDetector.Evaluate(run, options.Collapse), DiscAccounting.From(run, options),
            BatchEvidence.Of(run, options.TrainPairs));
    }
}
