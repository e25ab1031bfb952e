using System.CommandLine;

namespace Perceptor.Cli.Commands;

/// <summary><c>perceptor experiment</c>. Not written yet: it says so and fails.</summary>
internal static class ExperimentCommand
{
    public static Command Create()
    {
        var command = new Command("experiment", "(not available yet)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("perceptor experiment: not available yet");
            return 2;
        });
        return command;
    }
}
