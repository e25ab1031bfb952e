using System.Diagnostics;
using System.Globalization;
using Perceptor.Audio.Synthesis;
using Perceptor.Experiments.Running;

namespace Perceptor.Experiments.Demo;

/// <summary>
/// The whole of <c>perceptor demo</c>: corpus, pretraining (when the options ask for it), the experiment with every
/// arm starting from the pretrained checkpoint, report. Running it again continues or reuses what is there.
/// </summary>
public static class DemoRunner
{
    /// <summary>Folder of the pretraining run's experiment inside the demo's folder.</summary>
    public const string PretrainFolder = "pretrain";

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

        ExperimentResult? pretrain = null;
        string? initFrom = null;
        if (options.PretrainEpochs > 0)
        {
            log.WriteLine($"demo: pretraining the model of the '{options.Preset}' preset on all {options.Corpus.TrainSpeakers * options.Corpus.TrainClipsPerSpeaker} training pairs " +
                $"({options.PretrainEpochs} epochs; {string.Join(", ", options.PretrainSettings)}): the model every arm starts from");
            string pretrainDir = Path.Combine(outDir, PretrainFolder);
            // One run: in this process with every core (runs of an experiment go to child processes only when several run at once).
            pretrain = ExperimentSession.Run(new ExperimentRequest
            {
                DataDir = dataDir,
                OutDir = pretrainDir,
                Arms = ["baseline"],
                Seeds = [options.PretrainSeed],
                Epochs = options.PretrainEpochs,
                Preset = options.Preset,
                CommonSettings = options.PretrainSettings,
                Parallel = 1,
                Report = false,
            }, log, trainer, cancellationToken);
            if (pretrain.Outcome is not { AllFinished: true })
            {
                // Interrupted or failed: the arms must not start from a half-trained or missing model.
                return new DemoResult(dataDir, corpus, pretrain, null, clock.Elapsed);
            }

            initFrom = Path.Combine(pretrainDir, pretrain.Plan.Runs[0].Folder);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"demo: pretrained model ready after {clock.Elapsed.TotalSeconds:0} s"));
        }

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
            InitFrom = initFrom,
        }, log, trainer, cancellationToken);
        return new DemoResult(dataDir, corpus, pretrain, experiment, clock.Elapsed);
    }
}
