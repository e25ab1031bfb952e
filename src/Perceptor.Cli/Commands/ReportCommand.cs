using System.CommandLine;

namespace Perceptor.Cli.Commands;

/// <summary><c>perceptor report</c>. Not written yet: it says so and fails.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var command = new Command("report", "(not available yet)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("perceptor report: not available yet");
            return 2;
        });
        return command;
    }
}
