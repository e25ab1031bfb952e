using System.CommandLine;
using Perceptor.Diagnostics.Readers;
using Perceptor.Experiments.Reporting;

namespace Perceptor.Cli.Commands;

/// <summary><c>perceptor report</c>: parses the options and prints what <see cref="ReportRunner.Run"/> returns.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path")
        {
            Description = "An experiment folder (OUT/<arm>/seed-<s>/, written here or gathered from cluster tasks) or a single run folder.",
        };
        var minEffect = new Option<double>("--min-effect")
        {
            Description = "Smallest difference in final eval PESQ a verdict calls an effect.",
            DefaultValueFactory = _ => new VerdictOptions().MinEffect,
        };
        var spread = new Option<double>("--spread-factor")
        {
            Description = "How many seed standard deviations a difference must exceed.",
            DefaultValueFactory = _ => new VerdictOptions().SpreadFactor,
        };
        var command = new Command("report",
            "Write the comparison report of an experiment (table per arm, eval PESQ per epoch for all arms, each arm's findings, " +
            "a verdict per hypothesis) as PATH/report/report.html, report.md and PNGs; for a single run folder, its diagnosis report.");
        command.Arguments.Add(path);
        command.Options.Add(minEffect);
        command.Options.Add(spread);
        command.SetAction(parse =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            TextWriter stderr = parse.InvocationConfiguration.Error;
            try
            {
                var outcome = ReportRunner.Run(parse.GetValue(path)!, new VerdictOptions
                {
                    MinEffect = parse.GetValue(minEffect),
                    SpreadFactor = parse.GetValue(spread),
                });
                stdout.Write(outcome.Summary);
                if (!outcome.Summary.EndsWith('\n'))
                {
                    stdout.WriteLine();
                }

                stdout.WriteLine($"report: {outcome.HtmlPath}");
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or LogReadException or UnauthorizedAccessException or ArgumentException)
            {
                stderr.WriteLine($"perceptor report: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
