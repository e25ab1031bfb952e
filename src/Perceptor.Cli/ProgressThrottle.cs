using System.Diagnostics;

namespace Perceptor.Cli;

/// <summary>
/// When a plain progress line (redirected output: CI logs, pipes) is worth printing, one rule for every command: at
/// each new tenth of the work, at most <see cref="Quiet"/> apart in between, and at the end. Work that starts over (the
/// next epoch's batches) counts its tenths again. Thread-safe.
/// </summary>
internal sealed class ProgressThrottle
{
    /// <summary>The longest a long piece of work goes without a line.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _lastTenth = -1;
    private int _lastDone = -1;
    private TimeSpan _lastLine;

    /// <summary>Time since the throttle was made.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Whether to print a line now that <paramref name="done"/> of <paramref name="total"/> items are done.</summary>
    public bool ShouldPrint(int done, int total)
    {
        lock (_gate)
        {
            if (done < _lastDone)
            {
                _lastTenth = -1;
            }

            _lastDone = done;
            int tenth = total > 0 ? (int)(10L * done / total) : 10;
            TimeSpan now = _clock.Elapsed;
            if (tenth == _lastTenth && now - _lastLine < Quiet && done != total)
            {
                return false;
            }

            _lastTenth = tenth;
            _lastLine = now;
            return true;
        }
    }
}
