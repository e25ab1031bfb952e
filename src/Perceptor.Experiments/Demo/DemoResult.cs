using Perceptor.Audio.Synthesis;

namespace Perceptor.Experiments.Demo;

/// <summary>What the demo produced.</summary>
/// <param name="DataDir">The synthetic corpus.</param>
/// <param name="Corpus">Its manifest.</param>
/// <param name="Experiment">The experiment (runs and report).</param>
/// <param name="Elapsed">Wall time of the whole demo.</param>
public sealed record DemoResult(string DataDir, CorpusManifest Corpus, ExperimentResult Experiment, TimeSpan Elapsed);
