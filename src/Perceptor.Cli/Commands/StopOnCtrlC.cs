namespace Perceptor.Cli.Commands;

/// <summary>
/// The first Ctrl+C cancels <see cref="Token"/> (and says what happens next); a second one ends the process as usual.
/// </summary>
internal sealed class StopOnCtrlC : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConsoleCancelEventHandler _handler;

    public StopOnCtrlC(string whatHappens)
    {
        _handler = (_, e) =>
        {
            if (!_stop.IsCancellationRequested)
            {
                e.Cancel = true;
                Console.Error.WriteLine($"stopping: {whatHappens} (Ctrl+C again aborts at once)");
                _stop.Cancel();
            }
        };
        Console.CancelKeyPress += _handler;
    }

    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= _handler;
        _stop.Dispose();
    }
}
