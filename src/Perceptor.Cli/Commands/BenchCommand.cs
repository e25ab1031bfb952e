using System.CommandLine;
using Perceptor.Cli.Commands.Bench;

namespace Perceptor.Cli.Commands;

/// <summary>
/// <c>perceptor bench</c>: speed measurements, one subcommand per area, each in <c>Commands/Bench/</c>.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure speed (medians over repetitions; not a test). Subcommands: pesq, metrics, train.");
        command.Subcommands.Add(PesqBenchCommand.Create());
        command.Subcommands.Add(MetricsBenchCommand.Create());
        command.Subcommands.Add(TrainBenchCommand.Create());
        return command;
    }
}
