using System.Diagnostics;
using System.Globalization;
using Perceptor.Diagnostics.RunLog;
using Perceptor.Training.Run;
using Perceptor.Training.Config;

namespace Perceptor.Experiments.Running;

/// <summary>
/// Trains runs in this process with <see cref="TrainingLoop"/>, one at a time, and writes plain progress lines: one per
/// epoch, plus a heartbeat while a long epoch runs. A new run starts from preset, config file and overrides; a
/// resumed run from its own <c>config.json</c> with the overrides on top, as <c>perceptor train --resume</c> does.
/// </summary>
public sealed class InProcessTrainer : IRunTrainer
{
    private readonly TextWriter _log;
    private readonly TimeSpan _heartbeat;

    /// <summary>A trainer writing progress to <paramref name="log"/>, with a heartbeat line at most every <paramref name="heartbeat"/>.</summary>
    public InProcessTrainer(TextWriter log, TimeSpan? heartbeat = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        _log = TextWriter.Synchronized(log);
        _heartbeat = heartbeat ?? TimeSpan.FromSeconds(30);
    }

    /// <inheritdoc />
    public void Train(TrainRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var config = request.Resume
            ? TrainingSetup.ResolveConfig(request.RunDir, resume: true, null, null, request.Overrides)
            : ConfigLoader.Load(request.Preset, request.ConfigFile, request.Overrides);
        var training = new TrainingRequest
        {
            Config = config,
            DataDir = request.DataDir,
            RunDir = request.RunDir,
            Resume = request.Resume,
            CommandLine = "perceptor " + string.Join(' ', TrainCommandLine.Arguments(request)),
        };
        TrainingLoop.Run(training, new Listener(_log, request.RunName, config.Train.Epochs, _heartbeat), cancellationToken);
    }

    private sealed class Listener(TextWriter log, string name, int epochs, TimeSpan heartbeat) : ITrainingListener
    {
        private readonly Stopwatch _sinceLine = Stopwatch.StartNew();

        public void Message(string line) => log.WriteLine($"[{name}] {line}");

        public void RunStarted(RunStartRecord start, int batchesPerEpoch) => log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{name}] {(start.Resumed ? "resumed" : "started")} at epoch {start.Epoch}/{epochs}: {batchesPerEpoch} batches of {start.BatchSize} x {start.CropSeconds:0.##} s per epoch, pesq.failures={start.PesqFailures}"));

        public void StepFinished(StepRecord step, int batchesPerEpoch)
        {
            if (_sinceLine.Elapsed >= heartbeat)
            {
                _sinceLine.Restart();
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{name}] epoch {step.Epoch}/{epochs} batch {step.Batch}/{batchesPerEpoch}, loss {step.Loss.Total:0.0000}, D {(step.DiscSkipped ? "skipped" : "step")}"));
            }
        }

        public void EpochFinished(EpochRecord epoch, EvalRecord? eval, CalibrationRecord? calibration)
        {
            _sinceLine.Restart();
            var c = CultureInfo.InvariantCulture;
            string line = string.Create(c, $"[{name}] epoch {epoch.Epoch}/{epochs}: loss {epoch.Loss.Total:0.0000}, D steps skipped {epoch.DiscSkipped}/{epoch.Batches}, " +
                $"PESQ clip failures {epoch.ClipsFailed?.Values.Sum() ?? 0}");
            if (eval?.Pesq is { } pesq)
            {
                line += string.Create(c, $", eval PESQ {pesq:0.000}") + (eval.NoisyPesq is { } n ? string.Create(c, $" (noisy {n:0.000})") : "");
            }

            if (calibration?.Mae is { } mae)
            {
                line += string.Create(c, $", calibration MAE {mae:0.000}");
            }

            log.WriteLine(line + string.Create(c, $", {epoch.Seconds:0} s"));
        }
    }
}
