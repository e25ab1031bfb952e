using System.CommandLine;
using System.Globalization;
using Perceptor.Experiments;
using Perceptor.Experiments.Demo;
using Perceptor.Experiments.Running;

namespace Perceptor.Cli.Commands;

/// <summary><c>perceptor demo</c>: runs <see cref="DemoRunner.Run"/> and prints where the report is.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var defaults = new DemoOptions();
        var output = new Option<string>("--out")
        {
            Description = "Folder for the synthetic corpus (data/), the runs and the report (default demo-out/). Running the demo again " +
                "reuses the corpus and continues or skips the runs already there.",
            DefaultValueFactory = _ => defaults.OutDir,
        };
        var command = new Command("demo",
            "Needs nothing: builds a small synthetic speech-like corpus (voiced phrases with pauses, six noise types, 0-20 dB SNR), " +
            "trains the tiny model with the reference skip-batch policy and with the per-clip mask on the same data and seed, " +
            "and writes the comparison report. A few minutes on two CPU cores.");
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            TextWriter stderr = parse.InvocationConfiguration.Error;
            using var stop = new StopRequest("the demo stops at the next batch; run it again to continue");
            try
            {
                var result = DemoRunner.Run(defaults with { OutDir = parse.GetValue(output)! }, stdout, cancellationToken: stop.Token);
                var experiment = result.Experiment;
                bool interrupted = experiment.Outcome is { Interrupted: true };
                if (experiment.Report is { } report)
                {
                    stdout.WriteLine();
                    stdout.Write(report.Summary);
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"demo {(interrupted ? "stopped" : "finished")} after {result.Elapsed.TotalMinutes:0.0} min"));
                    stdout.WriteLine($"report: {report.HtmlPath}");
                }

                if (interrupted)
                {
                    stdout.WriteLine("interrupted: run the demo again to continue");
                }

                return experiment.Outcome?.ExitCode ?? 0;
            }
            catch (Exception e) when (e is IOException or ArgumentException or InvalidDataException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"perceptor demo: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
