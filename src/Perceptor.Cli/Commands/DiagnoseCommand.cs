using System.CommandLine;
using System.Globalization;
using Perceptor.Diagnostics.Analysis;
using Perceptor.Diagnostics.Detectors;
using Perceptor.Diagnostics.Readers;
using Perceptor.Diagnostics.RunLog;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Cli.Commands;

/// <summary><c>perceptor diagnose</c>: parses the options and prints what <see cref="DiagnoseRunner"/> returns.</summary>
internal static class DiagnoseCommand
{
    public static Command Create()
    {
        var path = new Argument<string[]>("path")
        {
            Description = "A Perceptor run folder, a metrics.jsonl, a text log of the CMGAN reference trainer, or a CSV log " +
                "(per epoch or per step). Several logs are compared side by side (the first without a --label is the baseline).",
            Arity = ArgumentArity.OneOrMore,
        };
        var label = new Option<string[]>("--label")
        {
            Description = "NAME=what-changed: what the log NAME (its file name, name without extension, or folder) changed against " +
                "the baseline, e.g. fix=pesq.failures=mask or centre=eval.method=fixed-crops; turned into verdicts. Repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var format = new Option<string>("--format")
        {
            Description = "What to print: text (a summary for the terminal), md (the report as Markdown) or json (one object: " +
                "findings, collapse, disc, hypotheses, cannot_tell, source, problems, epochs).",
            DefaultValueFactory = _ => "text",
            HelpName = "text|md|json",
        };
        var output = new Option<string?>("--out")
        {
            Description = "Also write report.md, a self-contained report.html and the PNG plots into this folder.",
        };
        var kind = new Option<string>("--kind")
        {
            Description = "The kind of log: auto (recognise it from its content), run, jsonl, text or csv.",
            DefaultValueFactory = _ => "auto",
            HelpName = "auto|run|jsonl|text|csv",
        };
        var drop = new Option<double>("--collapse-drop")
        {
            Description = "Collapse rule: how far (PESQ points) eval PESQ must stay below its peak.",
            DefaultValueFactory = _ => new CollapseOptions().Drop,
        };
        var epochs = new Option<int>("--collapse-epochs")
        {
            Description = "Collapse rule: for how many consecutive evaluated epochs.",
            DefaultValueFactory = _ => new CollapseOptions().Epochs,
        };
        var genLr = new Option<double?>("--gen-lr") { Description = "Generator learning rate, if the log does not have it." };
        var discLr = new Option<double?>("--disc-lr") { Description = "Discriminator learning rate, if the log does not have it." };
        var weights = new Option<string?>("--loss-weights")
        {
            Description = "Loss weights RI,Mag,Time,GAN (e.g. 0.1,0.9,0.2,0.05), if the log does not have them.",
        };
        var floor = new Option<double?>("--disc-loss-floor")
        {
            Description = "Smallest loss a taken discriminator step can have, if known: gives a lower bound on the skip rate " +
                "from epoch averages.",
        };

        var trainPairs = new Option<int>("--train-pairs")
        {
            Description = "Pairs in the training set, to bound the batch size from the step counters (largest step inside an " +
                "epoch). Default: VoiceBank's 11,572.",
            DefaultValueFactory = _ => BatchEvidence.VoiceBankTrainPairs,
        };

        var rescoredOption = new Option<string?>("--rescored")
        {
            Description = "A rescore of the (first) log's checkpoints on full utterances (the folder perceptor rescore wrote, or its " +
                "rescore.json / rescore.csv): taken as the authoritative eval PESQ, to tell whether the log's collapse is real and " +
                "which epoch to keep.",
        };

        var command = new Command("diagnose",
            "Read a training log (ours or the Python reference's) and say what went wrong: PESQ collapse, discriminator " +
            "skipping or saturation, calibration, loss balance, eval comparability; which hypotheses H1-H7 the evidence " +
            "supports or rules out, the next experiment, and what the log cannot tell.");
        command.Arguments.Add(path);
        foreach (var option in new Option[] { format, output, kind, drop, epochs, genLr, discLr, weights, floor, trainPairs, label, rescoredOption })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            TextWriter stderr = parse.InvocationConfiguration.Error;
            // Option values are checked here rather than by the parser so that a bad one exits with 2 (docs/diagnose.md),
            // as every other usage error of this command does.
            if (UsageError(parse.GetValue(format)!, parse.GetValue(kind)!, parse.GetValue(drop), parse.GetValue(epochs)) is { } usage)
            {
                stderr.WriteLine($"perceptor diagnose: {usage}");
                return 2;
            }

            if (parse.GetValue(trainPairs) < 1)
            {
                stderr.WriteLine($"perceptor diagnose: --train-pairs must be a positive number of pairs, got {parse.GetValue(trainPairs)}");
                return 2;
            }

            TermValues? lossWeights = null;
            if (parse.GetValue(weights) is { } w && !TryParseWeights(w, out lossWeights))
            {
                stderr.WriteLine($"perceptor diagnose: --loss-weights needs four numbers RI,Mag,Time,GAN, got '{w}'");
                return 2;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string l in parse.GetValue(label) ?? [])
            {
                int eq = l.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || eq == l.Length - 1 || !labels.TryAdd(l[..eq], l[(eq + 1)..]))
                {
                    stderr.WriteLine($"perceptor diagnose: --label needs NAME=what-changed, once per NAME, got '{l}'");
                    return 2;
                }
            }

            string[] paths = parse.GetValue(path)!;
            var request = new DiagnoseRequest
            {
                Path = paths[0],
                MorePaths = paths[1..],
                RescoredPath = parse.GetValue(rescoredOption),
                Labels = labels,
                Kind = parse.GetValue(kind) switch
                {
                    "run" => LogKind.Run,
                    "jsonl" => LogKind.Jsonl,
                    "text" => LogKind.Text,
                    "csv" => LogKind.Csv,
                    _ => null,
                },
                Format = parse.GetValue(format) switch
                {
                    "json" => OutputFormat.Json,
                    "md" => OutputFormat.Markdown,
                    _ => OutputFormat.Text,
                },
                OutDirectory = parse.GetValue(output),
                Options = new DiagnosisOptions
                {
                    Collapse = new CollapseOptions { Drop = parse.GetValue(drop), Epochs = parse.GetValue(epochs) },
                    GenLr = parse.GetValue(genLr),
                    DiscLr = parse.GetValue(discLr),
                    LossWeights = lossWeights,
                    DiscLossFloor = parse.GetValue(floor),
                    TrainPairs = parse.GetValue(trainPairs),
                },
            };

            try
            {
                var outcome = DiagnoseRunner.Run(request);
                stdout.Write(outcome.Output);
                if (!outcome.Output.EndsWith('\n'))
                {
                    stdout.WriteLine();
                }

                if (outcome.FilesWritten.Count > 0)
                {
                    stderr.WriteLine($"perceptor diagnose: wrote {outcome.FilesWritten.Count} files to {request.OutDirectory}");
                }

                return 0;
            }
            catch (LogReadException e)
            {
                stderr.WriteLine($"perceptor diagnose: {e.Message}");
                return 1;
            }
            catch (ArgumentException e)
            {
                stderr.WriteLine($"perceptor diagnose: {e.Message}");
                return 2;
            }
            catch (IOException e)
            {
                stderr.WriteLine($"perceptor diagnose: cannot write the report: {e.Message}");
                return 1;
            }
            catch (UnauthorizedAccessException e)
            {
                stderr.WriteLine($"perceptor diagnose: cannot write the report: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static string? UsageError(string format, string kind, double drop, int epochs)
    {
        if (format is not ("text" or "md" or "json"))
        {
            return $"--format must be text, md or json, got '{format}'";
        }

        if (kind is not ("auto" or "run" or "jsonl" or "text" or "csv"))
        {
            return $"--kind must be auto, run, jsonl, text or csv, got '{kind}'";
        }

        if (!double.IsFinite(drop) || drop <= 0)
        {
            return "--collapse-drop must be a positive number of PESQ points";
        }

        return epochs < 1 ? "--collapse-epochs must be at least 1" : null;
    }

    private static bool TryParseWeights(string text, out TermValues? weights)
    {
        weights = null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]) || values[i] < 0)
            {
                return false;
            }
        }

        if (values.Length != 4)
        {
            return false;
        }

        weights = new TermValues(values[0], values[1], values[2], values[3]);
        return true;
    }
}
