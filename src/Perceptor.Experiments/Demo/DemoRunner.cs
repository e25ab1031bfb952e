using System.Diagnostics;
using System.Globalization;
using Perceptor.Audio.Synthesis;
using Perceptor.Experiments.Running;

namespace Perceptor.Experiments.Demo;

/// <summary>The whole of <c>perceptor demo</c>: corpus, experiment, report. Running it again continues or reuses what is there.</summary>
public static class DemoRunner
{
    /// <summary>Runs the demo, writing progress lines to <paramref name="log"/>.</summary>
    public static DemoResult Run(DemoOptions options, TextWriter log, IRunTrainer? trainer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var clock = Stopwatch.StartNew();
        string outDir = Path.GetFullPath(options.OutDir);
        string dataDir = Path.Combine(outDir, "data");
        int total = (options.Corpus.TrainSpeakers * options.Corpus.TrainClipsPerSpeaker) + (options.Corpus.TestSpeakers * options.Corpus.TestClipsPerSpeaker);
        log.WriteLine($"demo: synthetic speech-like corpus of {total} clean/noisy pairs in {dataDir}");
        var corpus = SyntheticCorpus.Generate(dataDir, options.Corpus, cancellationToken: cancellationToken);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"demo: corpus ready ({corpus.Clips.Sum(c => c.DurationSeconds) / 60:0.0} min of audio, {100 * corpus.Clips.Sum(c => c.SpeechSeconds) / corpus.Clips.Sum(c => c.DurationSeconds):0}% speech) after {clock.Elapsed.TotalSeconds:0} s"));

        var experiment = ExperimentSession.Run(new ExperimentRequest
        {
            DataDir = dataDir,
            OutDir = outDir,
            Arms = options.Arms,
            Seeds = options.Seeds,
            Epochs = options.Epochs,
            Preset = options.Preset,
            CommonSettings = options.Settings,
            Parallel = options.Parallel,
        }, log, trainer, cancellationToken);
        return new DemoResult(dataDir, corpus, experiment, clock.Elapsed);
    }
}
