using System.CommandLine;

namespace Perceptor.Cli.Commands;

/// <summary><c>perceptor evaluate</c>. Not written yet: it says so and fails.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var command = new Command("evaluate", "(not available yet)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("perceptor evaluate: not available yet");
            return 2;
        });
        return command;
    }
}
