using Perceptor.Quality.Evaluation;

namespace Perceptor.Cli;

/// <summary>
/// Progress of a folder evaluation on an error stream: one rewritten line on a terminal, plain lines as
/// <see cref="ProgressThrottle"/> allows them otherwise, since carriage-return updates are noise in CI logs and files.
/// </summary>
internal sealed class EvaluationProgressPrinter : IProgress<EvaluationProgress>
{
    private readonly TextWriter _error;
    private readonly bool _interactive;
    private readonly Lock _gate = new();
    private readonly ProgressThrottle _throttle = new();
    private int _lastPrinted;

    /// <summary>Prints to <paramref name="error"/>; <paramref name="interactive"/> when it is a terminal.</summary>
    public EvaluationProgressPrinter(TextWriter error, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(error);
        _error = error;
        _interactive = interactive;
    }

    /// <inheritdoc />
    public void Report(EvaluationProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (value.Completed <= _lastPrinted)
            {
                return;
            }

            bool last = value.Completed == value.Total;
            if (_interactive)
            {
                _error.Write($"\revaluated {value.Completed}/{value.Total}{NotScored(value)} {value.Name,-40}");
                if (last)
                {
                    _error.WriteLine();
                }
            }
            else if (_throttle.ShouldPrint(value.Completed, value.Total))
            {
                _error.WriteLine($"evaluated {value.Completed}/{value.Total}{NotScored(value)} ({value.Name})");
            }
            else
            {
                return;
            }

            _lastPrinted = value.Completed;
        }
    }

    private static string NotScored(EvaluationProgress value) => value.NotScored > 0 ? $", {value.NotScored} not scored" : "";
}
