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
        var defaults = DemoOptions.Collapse;
        var output = new Option<string?>("--out")
        {
            Description = $"Folder for the synthetic corpus (data/), the pretrained model (pretrain/), the runs and the report (default {defaults.OutDir}/, " +
                $"{DemoOptions.Quick.OutDir}/ with --quick). Running the demo again reuses the corpus and continues or skips the runs already there.",
        };
        var quick = new Option<bool>("--quick")
        {
            Description = "The shorter demo (about 3 minutes): the reference skip-batch policy against the per-clip mask, trained from " +
                "scratch for 4 epochs with two seeds; nothing collapses there, so it shows the tools and the report, not a cause.",
        };
        var command = new Command("demo",
            "Needs nothing: builds a small synthetic speech-like corpus (voiced phrases with pauses, six noise types, 0-20 dB SNR), " +
            "pretrains the tiny model on all of it, then fine-tunes it on one training pair at batch 1 in four arms (the reference " +
            "skip-batch baseline, all training pairs, the per-clip mask, discriminator LR = generator LR), two seeds each, and writes " +
            "the comparison report: the baseline's eval PESQ peaks and collapses while its training loss keeps falling, and the arms " +
            "show which change prevents it. About 6-8 minutes on two CPU cores; --quick for the shorter demo.");
        command.Options.Add(output);
        command.Options.Add(quick);
        command.SetAction(parse =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            TextWriter stderr = parse.InvocationConfiguration.Error;
            using var stop = new StopRequest("the demo stops at the next batch; run it again to continue");
            try
            {
                var chosen = parse.GetValue(quick) ? DemoOptions.Quick : defaults;
                var options = chosen with { OutDir = parse.GetValue(output) ?? chosen.OutDir };
                var result = DemoRunner.Run(options, stdout, cancellationToken: stop.Token);
                if (result.Experiment is not { } experiment)
                {
                    // Pretraining did not finish: interrupted (run again to continue) or failed (its log says why).
                    var pretrain = result.Pretrain?.Outcome;
                    stdout.WriteLine(pretrain is { Interrupted: true }
                        ? "interrupted during pretraining: run the demo again to continue"
                        : "pretraining failed: see the run's log under " + Path.Combine(Path.GetFullPath(options.OutDir), DemoRunner.PretrainFolder));
                    return pretrain?.ExitCode is int code and not 0 ? code : 1;
                }

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
