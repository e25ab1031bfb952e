using System.CommandLine;

namespace Perceptor.Cli.Commands;

/// <summary><c>perceptor pesq</c>. Not written yet: it says so and fails.</summary>
internal static class PesqCommand
{
    public static Command Create()
    {
        var command = new Command("pesq", "(not available yet)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("perceptor pesq: not available yet");
            return 2;
        });
        return command;
    }
}
