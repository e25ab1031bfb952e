using System.Runtime.InteropServices;

namespace Perceptor.Cli.Commands;

/// <summary>
/// Turns the first Ctrl+C, or a SIGTERM (what a cluster scheduler sends at a job's time limit or on cancel, before it
/// kills), into a cancelled <see cref="Token"/>, and says what happens next. Long commands check the token between
/// batches, so a training run writes its checkpoint and ends cleanly. A second Ctrl+C or SIGTERM ends the process
/// as usual.
/// </summary>
internal sealed class StopRequest : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly string _whatHappens;
    private readonly ConsoleCancelEventHandler _ctrlC;
    private readonly PosixSignalRegistration? _term;

    public StopRequest(string whatHappens)
    {
        _whatHappens = whatHappens;
        _ctrlC = (_, e) => e.Cancel = Request("Ctrl+C");
        Console.CancelKeyPress += _ctrlC;
        try
        {
            _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = Request("SIGTERM"));
        }
        catch (PlatformNotSupportedException)
        {
            _term = null; // no SIGTERM here (Windows): Ctrl+C still works
        }
    }

    /// <summary>Cancelled by the first Ctrl+C or SIGTERM.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Cancels on the first request (returns true: keep the process); later ones let the process end.</summary>
    private bool Request(string signal)
    {
        lock (_stop)
        {
            if (_stop.IsCancellationRequested)
            {
                return false;
            }

            Console.Error.WriteLine($"{signal}: {_whatHappens} (send it again to end at once)");
            _stop.Cancel();
            return true;
        }
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= _ctrlC;
        _term?.Dispose();
        _stop.Dispose();
    }
}
