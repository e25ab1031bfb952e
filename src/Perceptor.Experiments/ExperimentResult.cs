using Perceptor.Experiments.Cluster;
using Perceptor.Experiments.Reporting;
using Perceptor.Experiments.Running;

namespace Perceptor.Experiments;

/// <summary>What <c>perceptor experiment</c> did.</summary>
/// <param name="Plan">The checked plan.</param>
/// <param name="Outcome">The runs, when trained here; null when a script was written.</param>
/// <param name="Script">The job-array script, when asked for.</param>
/// <param name="Report">The comparison report, when written.</param>
public sealed record ExperimentResult(ExperimentPlan Plan, ExperimentOutcome? Outcome, ClusterScript? Script, ReportOutcome? Report);
