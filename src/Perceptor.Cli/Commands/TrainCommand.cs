using System.CommandLine;

namespace Perceptor.Cli.Commands;

/// <summary><c>perceptor train</c>. Not written yet: it says so and fails.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "(not available yet)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("perceptor train: not available yet");
            return 2;
        });
        return command;
    }
}
