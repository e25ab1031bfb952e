using System.Runtime.InteropServices;
using Perceptor.Cli.Commands;

namespace Perceptor.Cli.Tests.Commands;

[Collection(ProcessSignalCollection.Name)]
public class StopRequestTests
{
    [Fact]
    public void A_SIGTERM_cancels_the_token_and_leaves_the_process_running()
    {
        var saved = Console.Error;
        var said = new StringWriter();
        Console.SetError(said);
        try
        {
            using var stop = new StopRequest("stopping at the next batch");
            Assert.False(stop.Token.IsCancellationRequested);
            Assert.Equal(0, Kill(Environment.ProcessId, 15)); // without the handler this would end the test host
            Assert.True(stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)), "SIGTERM did not cancel the token");
        }
        finally
        {
            Console.SetError(saved);
        }

        Assert.Contains("SIGTERM: stopping at the next batch", said.ToString(), StringComparison.Ordinal);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
