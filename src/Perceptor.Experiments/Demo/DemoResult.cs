using Perceptor.Audio.Synthesis;

namespace Perceptor.Experiments.Demo;

/// <summary>What the demo produced.</summary>
/// <param name="DataDir">The synthetic corpus.</param>
/// <param name="Corpus">Its manifest.</param>
/// <param name="Pretrain">The pretraining run's experiment; null when the demo trains from scratch.</param>
/// <param name="Experiment">The experiment (runs and report); null when pretraining did not finish (interrupted or failed).</param>
/// <param name="Elapsed">Wall time of the whole demo.</param>
public sealed record DemoResult(string DataDir, CorpusManifest Corpus, ExperimentResult? Pretrain, ExperimentResult? Experiment, TimeSpan Elapsed);
