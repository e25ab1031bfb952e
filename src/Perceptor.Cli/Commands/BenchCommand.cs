using System.CommandLine;

namespace Perceptor.Cli.Commands;

/// <summary><c>perceptor bench</c>. Not written yet: it says so and fails.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "(not available yet)");
        command.Subcommands.Add(Bench.MetricsBenchCommand.Create());
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("perceptor bench: not available yet");
            return 2;
        });
        return command;
    }
}
