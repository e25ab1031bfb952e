using System.CommandLine;

namespace Perceptor.Cli.Commands;

/// <summary><c>perceptor diagnose</c>. Not written yet: it says so and fails.</summary>
internal static class DiagnoseCommand
{
    public static Command Create()
    {
        var command = new Command("diagnose", "(not available yet)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("perceptor diagnose: not available yet");
            return 2;
        });
        return command;
    }
}
