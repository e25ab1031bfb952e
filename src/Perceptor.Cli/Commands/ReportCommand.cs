using System.CommandLine;
using Perceptor.Diagnostics.Readers;
using Perceptor.Experiments.Reporting;

namespace Perceptor.Cli.Commands;

/// <summary><c>perceptor report</c>: parses the options and prints what <see cref="ReportRunner"/> returns.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var path = new Argument<string[]>("path")
        {
            Description = "An experiment folder (OUT/<arm>/seed-<s>/, written here or gathered from cluster tasks) or a single run folder; " +
                "or training logs and run folders not made by 'experiment' (ours, the reference's text log, CSV), compared side by side " +
                "as 'diagnose A B --label' does (the first without a --label is the baseline).",
            Arity = ArgumentArity.OneOrMore,
        };
        var label = new Option<string[]>("--label")
        {
            Description = "NAME=what-changed for a log (its file name, name without extension, or folder), e.g. fix=pesq.failures=mask: " +
                "turned into verdicts against the baseline. Repeatable.",
        };
        var output = new Option<string?>("--out")
        {
            Description = "For logs: the folder for report.html, report.md and the plots (default: report/ in the folder holding the first log or run folder).",
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
            "a verdict per hypothesis) as PATH/report/report.html, report.md and PNGs; for a single run folder, its diagnosis report; for " +
            "training logs, their side-by-side comparison with verdicts from the --label changes.");
        command.Arguments.Add(path);
        command.Options.Add(minEffect);
        command.Options.Add(spread);
        command.Options.Add(label);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            TextWriter stderr = parse.InvocationConfiguration.Error;
            try
            {
                var labels = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (string l in parse.GetValue(label) ?? [])
                {
                    int eq = l.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0 || eq == l.Length - 1 || !labels.TryAdd(l[..eq], l[(eq + 1)..]))
                    {
                        throw new ArgumentException($"--label needs NAME=what-changed, once per NAME, got '{l}'");
                    }
                }

                var outcome = ReportRunner.Run(parse.GetValue(path)!, labels, parse.GetValue(output), new VerdictOptions
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
