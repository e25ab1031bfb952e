using System.CommandLine;

namespace Perceptor.Cli.Commands;

/// <summary><c>perceptor enhance</c>. Not written yet: it says so and fails.</summary>
internal static class EnhanceCommand
{
    public static Command Create()
    {
        var command = new Command("enhance", "(not available yet)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("perceptor enhance: not available yet");
            return 2;
        });
        return command;
    }
}
