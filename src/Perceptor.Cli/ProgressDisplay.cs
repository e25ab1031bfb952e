using Spectre.Console;

namespace Perceptor.Cli;

/// <summary>
/// Progress for long batch work: a live bar when the error stream is an interactive terminal, otherwise plain
/// lines at every 10% and at most every few seconds (CI logs, pipes), so progress is never silently lost.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, showing how many of <paramref name="total"/> items are done.</summary>
    public static T Run<T>(string label, int total, TextWriter error, Func<IProgress<int>, T> work)
    {
        bool interactive = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected &&
            AnsiConsole.Profile.Capabilities.Interactive;
        if (interactive && total > 0)
        {
            T result = default!;
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask(label, maxValue: total);
                    result = work(new Progress(done => task.Value = done));
                });
            return result;
        }

        return work(new PlainLines(label, total, error));
    }

    private sealed class Progress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    private sealed class PlainLines(string label, int total, TextWriter error) : IProgress<int>
    {
        private readonly Lock _gate = new();
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private int _lastDecile = -1;
        private double _lastSeconds;

        public void Report(int value)
        {
            lock (_gate)
            {
                int decile = total > 0 ? value * 10 / total : 10;
                double seconds = _clock.Elapsed.TotalSeconds;
                if (decile == _lastDecile && seconds - _lastSeconds < 5 && value != total)
                {
                    return;
                }

                _lastDecile = decile;
                _lastSeconds = seconds;
                error.WriteLine($"{label}: {value}/{total} ({(total > 0 ? 100.0 * value / total : 100):0}%), {seconds:0.0} s");
            }
        }
    }
}
