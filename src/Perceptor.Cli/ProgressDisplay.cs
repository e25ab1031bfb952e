using Spectre.Console;

namespace Perceptor.Cli;

/// <summary>
/// Progress for long batch work: a live bar when the error stream is an interactive terminal, otherwise plain
/// lines as <see cref="ProgressThrottle"/> allows them (CI logs, pipes), so progress is never silently lost.
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
        private readonly ProgressThrottle _throttle = new();

        public void Report(int value)
        {
            if (_throttle.ShouldPrint(value, total))
            {
                error.WriteLine($"{label}: {value}/{total} ({(total > 0 ? 100.0 * value / total : 100):0}%), {_throttle.Elapsed.TotalSeconds:0.0} s");
            }
        }
    }
}
