using System.Globalization;
using Perceptor.Training.Rescore;

namespace Perceptor.Cli;

/// <summary>
/// Progress of a rescore on an error stream: one rewritten line on a terminal, plain lines as
/// <see cref="ProgressThrottle"/> allows them otherwise (counted over the whole rescore, so a line comes at each
/// tenth of the work and at least every few seconds), and a line whenever a checkpoint is done.
/// </summary>
internal sealed class RescoreProgressPrinter(TextWriter error, bool interactive) : IProgress<RescoreProgress>
{
    private readonly Lock _gate = new();
    private readonly ProgressThrottle _throttle = new();
    private int _lastLength;

    /// <inheritdoc />
    public void Report(RescoreProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            double percent = value.OverallTotal > 0 ? 100.0 * value.OverallDone / value.OverallTotal : 100;
            string what = value.Phase switch
            {
                RescorePhase.Noisy => $"noisy input: scored {value.Done}/{value.Total}",
                RescorePhase.Enhancing => $"checkpoint {value.Checkpoint}/{value.Checkpoints} {value.Name}: enhanced {value.Done}/{value.Total}",
                RescorePhase.Scoring => $"checkpoint {value.Checkpoint}/{value.Checkpoints} {value.Name}: scored {value.Done}/{value.Total}",
                _ => $"checkpoint {value.Checkpoint}/{value.Checkpoints} {value.Name}: done",
            };
            string line = string.Create(CultureInfo.InvariantCulture, $"rescore {percent,3:0}%  {what}, {_throttle.Elapsed.TotalSeconds:0} s");
            if (interactive)
            {
                error.Write("\r" + line.PadRight(_lastLength));
                _lastLength = line.Length;
                if (value.OverallDone >= value.OverallTotal)
                {
                    error.WriteLine();
                }
            }
            else if (value.Phase == RescorePhase.Done
                || _throttle.ShouldPrint((int)Math.Min(int.MaxValue, value.OverallDone), (int)Math.Min(int.MaxValue, value.OverallTotal)))
            {
                error.WriteLine(line);
            }
        }
    }
}
