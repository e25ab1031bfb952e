using System.Globalization;
using Perceptor.Diagnostics.RunLog;
using Perceptor.Training.Run;
using Spectre.Console;

namespace Perceptor.Cli.Commands;

/// <summary>
/// Shows training progress: a progress bar on a terminal, plain lines otherwise (CI logs, redirected output).
/// Presentation only; everything shown is also in metrics.jsonl. Ctrl+C or SIGTERM asks the trainer to stop at the
/// next batch (it writes a checkpoint); a second one ends the process.
/// </summary>
internal abstract class TrainProgress : ITrainingListener, IDisposable
{
    private readonly StopRequest _stop = new("stopping after this batch (a checkpoint is written)");
    private int _trained;
    private int _skipped;
    private int _epochSteps;
    private double _epochSeconds;

    protected TrainProgress(int epochs)
    {
        Epochs = epochs;
    }

    protected int Epochs { get; }

    /// <summary>A bar when <paramref name="output"/> is the console of a terminal, else plain lines written to it.</summary>
    public static TrainProgress Create(int epochs, TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive
            ? new BarProgress(epochs)
            : new LineProgress(epochs, output);

    /// <summary>Cancelled by the first Ctrl+C or SIGTERM.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Runs the trainer inside the display.</summary>
    public TrainingResult Run(Func<TrainingResult> train) => RunCore(train);

    protected abstract TrainingResult RunCore(Func<TrainingResult> train);

    public abstract void Message(string line);

    public void RunStarted(RunStartRecord start, int batchesPerEpoch) =>
        Message($"{(start.Resumed ? "resuming" : "starting")} {start.Run}: {start.Preset}, batch {start.BatchSize} x {start.CropSeconds:0.##} s, " +
            $"pesq.failures={start.PesqFailures}, G lr {start.GenLr:G3}, D lr {start.DiscLr:G3}, epoch {start.Epoch}/{Epochs}, step {start.Step}");

    public void StepFinished(StepRecord step, int batchesPerEpoch)
    {
        if (step.Batch == 1)
        {
            _trained = _skipped = _epochSteps = 0;
            _epochSeconds = 0;
        }

        _epochSteps++;
        _epochSeconds += step.StepSeconds;
        if (step.DiscSkipped)
        {
            _skipped++;
        }
        else
        {
            _trained++;
        }

        double secondsPerStep = _epochSeconds / _epochSteps;
        string text = string.Create(CultureInfo.InvariantCulture,
            $"epoch {step.Epoch}/{Epochs} batch {step.Batch}/{batchesPerEpoch} | {secondsPerStep:0.00} s/step | loss {step.Loss.Total:0.0000} " +
            $"(ri {step.Loss.Ri:0.0000} mag {step.Loss.Mag:0.0000} time {step.Loss.Time:0.0000} gan {step.Loss.Gan:0.0000}) | " +
            $"D {(step.DiscLoss is { } d ? d.ToString("0.00000", CultureInfo.InvariantCulture) : "skipped")} | D steps {_trained} taken, {_skipped} skipped");
        OnStep(step, batchesPerEpoch, text);
    }

    protected abstract void OnStep(StepRecord step, int batchesPerEpoch, string text);

    public void EpochFinished(EpochRecord epoch, EvalRecord? eval, CalibrationRecord? calibration)
    {
        var c = CultureInfo.InvariantCulture;
        string line = string.Create(c, $"epoch {epoch.Epoch}/{Epochs}: loss {epoch.Loss.Total:0.0000}, D loss {Num(epoch.DiscLoss, "0.00000")} " +
            $"({epoch.DiscSteps} D steps, {epoch.DiscSkipped} skipped = {100 * (epoch.SkipRate ?? 0):0.0}%, {epoch.SaturatedSteps} saturated), " +
            $"PESQ failures {epoch.ClipsFailed?.Values.Sum() ?? 0}, {epoch.Seconds:0} s");
        if (eval is not null)
        {
            line += string.Create(c, $" | eval PESQ {Num(eval.Pesq, "0.000")} on {eval.Files} files ({eval.Method})") +
                (eval.NoisyPesq is { } n ? string.Create(c, $", noisy {n:0.000}") : "");
        }

        if (calibration is not null)
        {
            line += string.Create(c, $" | D(c,c) {calibration.DCleanClean:0.000}, D(c,e) {calibration.DCleanEnhanced:0.000} vs PESQ {Num(calibration.PesqNorm, "0.000")}, " +
                $"MAE {Num(calibration.Mae, "0.000")}, r {Num(calibration.Pearson, "0.00")}");
        }

        Message(line);
    }

    private static string Num(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    public void Dispose()
    {
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed class LineProgress(int epochs, TextWriter output) : TrainProgress(epochs)
    {
        private readonly ProgressThrottle _throttle = new();

        protected override TrainingResult RunCore(Func<TrainingResult> train) => train();

        public override void Message(string line) => output.WriteLine(line);

        protected override void OnStep(StepRecord step, int batchesPerEpoch, string text)
        {
            // Each epoch's batches are the work; its last batch always gets a line.
            if (_throttle.ShouldPrint(step.Batch, batchesPerEpoch))
            {
                output.WriteLine(text);
            }
        }
    }

    private sealed class BarProgress(int epochs) : TrainProgress(epochs)
    {
        private ProgressTask? _task;

        protected override TrainingResult RunCore(Func<TrainingResult> train)
        {
            TrainingResult? result = null;
            AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    _task = ctx.AddTask("starting", maxValue: 1);
                    result = train();
                    _task.StopTask();
                });
            return result!;
        }

        public override void Message(string line) => AnsiConsole.MarkupLine(Markup.Escape(line));

        protected override void OnStep(StepRecord step, int batchesPerEpoch, string text)
        {
            if (_task is null)
            {
                return;
            }

            _task.MaxValue = batchesPerEpoch;
            _task.Value = step.Batch;
            _task.Description = Markup.Escape(text);
        }
    }
}
