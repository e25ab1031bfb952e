using System.CommandLine;
using System.Globalization;
using Perceptor.Quality.Pesq;
using Perceptor.Quality.Scoring;

namespace Perceptor.Cli.Commands;

/// <summary>
/// <c>perceptor pesq</c>: PESQ MOS-LQO (P.862 + P.862.1 narrowband, P.862.2 wideband) for one pair of files, a
/// case file, or two folders of matching file names. Scoring lives in <see cref="PesqFiles"/>,
/// <see cref="PesqCaseFile"/> and <see cref="PesqDirectoryScorer"/>, failure texts in <see cref="PesqFileFailures"/>
/// and the JSON in <see cref="PesqResultsJson"/>; this command parses and presents. Exit codes: 0 every pair scored;
/// 1 some pair failed, a case-file row was not read as written, or a clean file has no degraded partner (results
/// are still written); 2 usage errors and unusable input (a missing folder or case file, nothing to score).
/// </summary>
internal static class PesqCommand
{
    private const int UsageError = 2;
    private const int Failure = 1;

    public static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "REF.wav DEG.wav: score one degraded file against its reference (same sample rate, 8 or 16 kHz).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var mode = new Option<string?>("--mode")
        {
            Description = "wb (P.862.2 wideband, 16 kHz only) or nb (P.862 narrowband with the P.862.1 mapping). " +
                "Default: wb at 16 kHz, nb at 8 kHz. Not used with --cases (each row names its mode).",
        };
        mode.AcceptOnlyFromAmong("wb", "nb");
        var cases = new Option<string?>("--cases")
        {
            Description = "Score a case file: CSV with columns id,ref,deg,fs,mode (paths relative to the CSV; fs is the " +
                "rate to score at; other columns ignored). Writes id,score,error. A malformed row or a repeated id is " +
                "reported by line and the other rows are scored.",
        };
        var clean = new Option<string?>("--clean")
        {
            Description = "Folder of reference WAVs; with --degraded, scores every file name present in both.",
        };
        var degraded = new Option<string?>("--degraded")
        {
            Description = "Folder of degraded (noisy or enhanced) WAVs matched to --clean by file name.",
        };
        var output = new Option<string?>("--out")
        {
            Description = "Write the per-pair results CSV here (--cases: id,score,error; folders: file,score,error). " +
                "Without it, --cases prints the CSV to standard output.",
        };
        var format = new Option<string>("--format")
        {
            Description = "text (default) or json: one JSON object on standard output with every pair's id, score, " +
                "mode, failure and error and the summary (schema in the README).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var threads = new Option<int>("--threads")
        {
            Description = "Worker threads for --cases and folders (default: all cores).",
            DefaultValueFactory = _ => 0,
        };

        var command = new Command("pesq",
            "PESQ MOS-LQO, clean-room ITU-T P.862/P.862.1/P.862.2. Forms: 'pesq REF.wav DEG.wav [--mode wb|nb]', " +
            "'pesq --cases FILE.csv [--out RESULTS.csv]', 'pesq --clean DIR --degraded DIR [--mode wb|nb] [--out CSV]'. " +
            "Exit code: 0 every pair scored, 1 some pair failed or a case row was not read (results still written), " +
            "2 usage errors and unusable input.");
        command.Arguments.Add(files);
        command.Options.Add(mode);
        command.Options.Add(cases);
        command.Options.Add(clean);
        command.Options.Add(degraded);
        command.Options.Add(output);
        command.Options.Add(format);
        command.Options.Add(threads);
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            string[] paths = parse.GetValue(files) ?? [];
            string? modeText = parse.GetValue(mode);
            string? casesPath = parse.GetValue(cases);
            string? cleanDir = parse.GetValue(clean);
            string? degradedDir = parse.GetValue(degraded);
            string? outPath = parse.GetValue(output);
            int threadCount = parse.GetValue(threads);
            bool json = parse.GetValue(format) == "json";
            PesqMode? chosen = modeText switch
            {
                "wb" => PesqMode.Wideband,
                "nb" => PesqMode.Narrowband,
                _ => null,
            };

            int forms = (paths.Length > 0 ? 1 : 0) + (casesPath is not null ? 1 : 0) +
                (cleanDir is not null || degradedDir is not null ? 1 : 0);
            if (forms != 1)
            {
                return Usage(stderr, forms == 0
                    ? "give REF.wav DEG.wav, --cases FILE.csv, or --clean DIR --degraded DIR"
                    : "give only one of: REF.wav DEG.wav, --cases, --clean/--degraded");
            }

            if (threadCount < 0)
            {
                return Usage(stderr, "--threads must be 0 (all cores) or a positive count");
            }

            try
            {
                if (paths.Length > 0)
                {
                    if (paths.Length != 2)
                    {
                        return Usage(stderr, $"expected REF.wav DEG.wav, got {paths.Length} file argument(s)");
                    }

                    if (outPath is not null)
                    {
                        return Usage(stderr, "--out is for --cases and folders; a single pair prints its score");
                    }

                    if (Directory.Exists(paths[0]) || Directory.Exists(paths[1]))
                    {
                        return Usage(stderr, $"{(Directory.Exists(paths[0]) ? paths[0] : paths[1])} is a folder; " +
                            "score two folders with --clean DIR --degraded DIR");
                    }

                    return ScorePair(paths[0], paths[1], chosen, json, stdout, stderr);
                }

                if (casesPath is not null)
                {
                    if (chosen is not null)
                    {
                        return Usage(stderr, "--mode does not apply to --cases: each row names its mode");
                    }

                    return ScoreCases(casesPath, outPath, threadCount, json, stdout, stderr);
                }

                if (cleanDir is null || degradedDir is null)
                {
                    return Usage(stderr, "folders need both --clean DIR and --degraded DIR");
                }

                return ScoreFolders(cleanDir, degradedDir, chosen, outPath, threadCount, json, stdout, stderr);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                // A case file or folder that cannot be read, or a results file that cannot be written.
                stderr.WriteLine($"perceptor pesq: {e.Message}");
                return UsageError;
            }
        });
        return command;
    }

    private static int Usage(TextWriter stderr, string message)
    {
        stderr.WriteLine($"perceptor pesq: {message} (see 'perceptor pesq --help')");
        return UsageError;
    }

    private static int ScorePair(string referencePath, string degradedPath, PesqMode? mode, bool json, TextWriter stdout,
        TextWriter stderr)
    {
        var outcome = PesqFiles.Score(referencePath, degradedPath, mode);
        if (json)
        {
            stdout.WriteLine(PesqResultsJson.FormatPair(outcome));
        }
        else if (outcome.Score is double score)
        {
            stdout.WriteLine(score.ToString("0.000000", CultureInfo.InvariantCulture));
        }

        if (outcome.IsSuccess)
        {
            return 0;
        }

        string why = PesqFileFailures.Explain(outcome);
        if (outcome.Failure is not (PesqFileFailure.Unreadable or PesqFileFailure.RateMismatch))
        {
            why = $"cannot score {degradedPath} against {referencePath}: {why}";
        }

        stderr.WriteLine($"perceptor pesq: {why}");
        return Failure;
    }

    private static int ScoreCases(string casesPath, string? outPath, int threads, bool json, TextWriter stdout,
        TextWriter stderr)
    {
        var list = PesqCaseFile.Read(casesPath);
        foreach (var problem in list.Problems)
        {
            stderr.WriteLine($"perceptor pesq: {problem}");
        }

        if (list.Cases.Count == 0)
        {
            stderr.WriteLine($"perceptor pesq: {casesPath}: no case could be read, nothing scored");
            return UsageError;
        }

        var outcomes = ProgressDisplay.Run("pesq cases", list.Cases.Count, stderr,
            progress => PesqCaseFile.Score(list.Cases, threads, progress));
        var summaryWriter = stderr;
        if (outPath is not null)
        {
            PesqCaseFile.WriteResults(outPath, outcomes);
            summaryWriter = json ? stderr : stdout;
            summaryWriter.WriteLine($"wrote {outcomes.Count} results to {outPath}");
        }
        else if (!json)
        {
            PesqCaseFile.WriteResults(stdout, outcomes);
        }

        if (json)
        {
            stdout.WriteLine(PesqResultsJson.FormatCases(list, outcomes));
        }
        else
        {
            WriteSummary(summaryWriter, PesqSummary.Of(outcomes));
        }

        foreach (var o in outcomes.Where(o => o.Failure == PesqFileFailure.Unreadable))
        {
            stderr.WriteLine($"perceptor pesq: case {o.Id}: {o.Error}");
        }

        return outcomes.All(o => o.IsSuccess) && list.Problems.Count == 0 ? 0 : Failure;
    }

    private static int ScoreFolders(string cleanDir, string degradedDir, PesqMode? mode, string? outPath, int threads,
        bool json, TextWriter stdout, TextWriter stderr)
    {
        var (matched, missingDegraded, missingReference) = PesqDirectoryScorer.Match(cleanDir, degradedDir);
        ReportMissing(stderr, missingDegraded, $"in {cleanDir} but not in {degradedDir}");
        ReportMissing(stderr, missingReference, $"in {degradedDir} but not in {cleanDir}");
        if (matched.Count == 0)
        {
            stderr.WriteLine($"perceptor pesq: no .wav file name is present in both {cleanDir} and {degradedDir}");
            return UsageError;
        }

        var report = ProgressDisplay.Run("pesq", matched.Count, stderr,
            progress => PesqDirectoryScorer.Score(cleanDir, degradedDir, mode, threads, progress));
        var textWriter = json ? stderr : stdout;
        if (outPath is not null)
        {
            PesqDirectoryScorer.WriteResults(outPath, report);
            textWriter.WriteLine($"wrote {report.Outcomes.Count} results to {outPath}");
        }

        if (json)
        {
            stdout.WriteLine(PesqResultsJson.FormatFolders(report));
        }
        else
        {
            WriteSummary(stdout, report.Summary);
        }

        foreach (var o in report.Outcomes.Where(o => !o.IsSuccess))
        {
            stderr.WriteLine($"perceptor pesq: {o.Id}: {o.Error}");
        }

        return report.Outcomes.All(o => o.IsSuccess) && report.MissingDegraded.Count == 0 ? 0 : Failure;
    }

    private static void ReportMissing(TextWriter stderr, IReadOnlyList<string> names, string where)
    {
        if (names.Count == 0)
        {
            return;
        }

        const int shown = 20;
        string list = string.Join(", ", names.Take(shown)) + (names.Count > shown ? $", ... ({names.Count - shown} more)" : "");
        stderr.WriteLine($"perceptor pesq: {names.Count} file(s) {where}, not scored: {list}");
    }

    private static void WriteSummary(TextWriter writer, PesqSummary summary)
    {
        foreach (string line in summary.Describe())
        {
            writer.WriteLine(line);
        }
    }
}
