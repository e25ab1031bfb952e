using System.CommandLine;

namespace Perceptor.Cli.Commands;

/// <summary><c>perceptor demo</c>. Not written yet: it says so and fails.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "(not available yet)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("perceptor demo: not available yet");
            return 2;
        });
        return command;
    }
}
