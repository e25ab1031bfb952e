using System.CommandLine;
using Perceptor.Audio;
using Perceptor.Quality.Evaluation;

namespace Perceptor.Cli.Commands;

/// <summary><c>perceptor evaluate</c>: the standard evaluation table over folders of clean and enhanced files.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var clean = new Option<DirectoryInfo>("--clean")
        {
            Description = "Folder of clean reference WAV files.",
            Required = true,
        };
        var enhanced = new Option<DirectoryInfo>("--enhanced")
        {
            Description = "Folder of enhanced WAV files, paired with the clean ones by file name.",
            Required = true,
        };
        var noisy = new Option<DirectoryInfo?>("--noisy")
        {
            Description = "Folder of the noisy inputs (same names): their metrics are reported beside the enhanced ones, with the improvement.",
        };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Folder for per_file.csv and summary.json (created if needed; files are replaced atomically).",
            DefaultValueFactory = _ => new DirectoryInfo("evaluation"),
        };
        var jobs = new Option<int>("--jobs", "-j")
        {
            Description = "Worker threads (0 = every core).",
            DefaultValueFactory = _ => 0,
        };
        var channels = new Option<ChannelMix>("--channels")
        {
            Description = "How multi-channel files become mono: First (as the reference tools do) or Mean.",
            DefaultValueFactory = _ => ChannelMix.First,
        };

        var command = new Command("evaluate",
            "Score enhanced speech against clean references: wideband PESQ, CSIG, CBAK, COVL, SSNR and STOI per file " +
            "and averaged, computed as the reference Python/MATLAB tools do for VoiceBank+DEMAND papers. Files are " +
            "paired by name; other sample rates are resampled to 16 kHz. A missing pair, an unreadable file or a rate " +
            "mismatch is reported by name and the rest is scored. Exit code: 0 all pairs scored, 1 some files had " +
            "problems (results still written), 2 the folders could not be used.")
        {
            clean, enhanced, noisy, output, jobs, channels,
        };
        command.SetAction((parseResult, cancellationToken) => Task.Run(() => Run(new FolderEvaluationOptions
        {
            CleanDirectory = parseResult.GetValue(clean)!.FullName,
            EnhancedDirectory = parseResult.GetValue(enhanced)!.FullName,
            NoisyDirectory = parseResult.GetValue(noisy)?.FullName,
            OutputDirectory = parseResult.GetValue(output)!.FullName,
            MaxDegreeOfParallelism = parseResult.GetValue(jobs),
            ChannelMix = parseResult.GetValue(channels),
        }, cancellationToken), cancellationToken));
        return command;
    }

    private static int Run(FolderEvaluationOptions options, CancellationToken cancellationToken)
    {
        FolderEvaluationResult result;
        try
        {
            result = FolderEvaluator.Run(options, new ProgressPrinter(), cancellationToken);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"perceptor evaluate: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("perceptor evaluate: cancelled; nothing written");
            return 130;
        }

        var table = result.Table;
        Console.WriteLine();
        Console.WriteLine($"{table.Rows.Count(r => r.Problem is null)} of {table.Rows.Count} files scored " +
            $"(clean {options.CleanDirectory}, enhanced {options.EnhancedDirectory}" +
            (options.NoisyDirectory is null ? ")" : $", noisy {options.NoisyDirectory})"));
        Console.Write(EvaluationTableText.Format(table));
        var problems = table.Problems.ToList();
        if (problems.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"{problems.Count} file(s) not scored:");
            foreach (var row in problems)
            {
                Console.WriteLine($"  {row.Name}: {row.Problem}");
            }
        }

        int metricFailures = table.Rows.Count(r => r.Problem is null && EvaluationCsv.Failures(r.Enhanced).Length > 0);
        if (metricFailures > 0)
        {
            Console.WriteLine($"{metricFailures} scored file(s) have empty metrics; the reasons are in the failures column of per_file.csv");
        }

        Console.WriteLine();
        Console.WriteLine($"written: {result.PerFileCsvPath}");
        Console.WriteLine($"written: {result.SummaryJsonPath}");
        return problems.Count > 0 ? 1 : 0;
    }

    /// <summary>
    /// Progress on stderr: one rewritten line on a terminal, plain lines as <see cref="ProgressThrottle"/> allows them
    /// when redirected, since carriage-return updates are noise in CI logs.
    /// </summary>
    private sealed class ProgressPrinter : IProgress<EvaluationProgress>
    {
        private readonly bool _interactive = !Console.IsErrorRedirected;
        private readonly object _gate = new();
        private readonly ProgressThrottle _throttle = new();
        private int _lastPrinted;

        public void Report(EvaluationProgress value)
        {
            lock (_gate)
            {
                if (value.Completed <= _lastPrinted)
                {
                    return;
                }

                bool last = value.Completed == value.Total;
                if (_interactive)
                {
                    Console.Error.Write($"\revaluated {value.Completed}/{value.Total}{NotScored(value)} {value.Name,-40}");
                    if (last)
                    {
                        Console.Error.WriteLine();
                    }
                }
                else if (_throttle.ShouldPrint(value.Completed, value.Total))
                {
                    Console.Error.WriteLine($"evaluated {value.Completed}/{value.Total}{NotScored(value)} ({value.Name})");
                }
                else
                {
                    return;
                }

                _lastPrinted = value.Completed;
            }
        }

        private static string NotScored(EvaluationProgress value) => value.NotScored > 0 ? $", {value.NotScored} not scored" : "";
    }
}
