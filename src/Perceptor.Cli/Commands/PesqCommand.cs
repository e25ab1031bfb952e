using System.CommandLine;
using System.Globalization;
using Perceptor.Quality.Pesq;

namespace Perceptor.Cli.Commands;

/// <summary>
/// <c>perceptor pesq</c>: PESQ MOS-LQO (P.862 + P.862.1 narrowband, P.862.2 wideband) for one pair of files, a
/// case file, or two folders of matching file names. Scoring lives in <see cref="PesqScorer"/>,
/// <see cref="PesqCaseFile"/> and <see cref="PesqDirectoryScorer"/>; this command parses and presents.
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
                "rate to score at; other columns ignored). Writes id,score,error.",
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
        var threads = new Option<int>("--threads")
        {
            Description = "Worker threads for --cases and folders (default: all cores).",
            DefaultValueFactory = _ => 0,
        };

        var command = new Command("pesq",
            "PESQ MOS-LQO, clean-room ITU-T P.862/P.862.1/P.862.2. Forms: 'pesq REF.wav DEG.wav [--mode wb|nb]', " +
            "'pesq --cases FILE.csv [--out RESULTS.csv]', 'pesq --clean DIR --degraded DIR [--mode wb|nb] [--out CSV]'.");
        command.Arguments.Add(files);
        command.Options.Add(mode);
        command.Options.Add(cases);
        command.Options.Add(clean);
        command.Options.Add(degraded);
        command.Options.Add(output);
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

                    return ScorePair(paths[0], paths[1], chosen, stdout, stderr);
                }

                if (casesPath is not null)
                {
                    if (chosen is not null)
                    {
                        return Usage(stderr, "--mode does not apply to --cases: each row names its mode");
                    }

                    return ScoreCases(casesPath, outPath, threadCount, stdout, stderr);
                }

                if (cleanDir is null || degradedDir is null)
                {
                    return Usage(stderr, "folders need both --clean DIR and --degraded DIR");
                }

                return ScoreFolders(cleanDir, degradedDir, chosen, outPath, threadCount, stdout, stderr);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                stderr.WriteLine($"perceptor pesq: {e.Message}");
                return Failure;
            }
        });
        return command;
    }

    private static int Usage(TextWriter stderr, string message)
    {
        stderr.WriteLine($"perceptor pesq: {message} (see 'perceptor pesq --help')");
        return UsageError;
    }

    private static int ScorePair(string referencePath, string degradedPath, PesqMode? mode, TextWriter stdout,
        TextWriter stderr)
    {
        var outcome = PesqFiles.Score(referencePath, degradedPath, mode);
        if (outcome.Score is double score)
        {
            stdout.WriteLine(score.ToString("0.000000", CultureInfo.InvariantCulture));
            return 0;
        }

        string why = outcome.ErrorKind switch
        {
            "unreadable" => outcome.Error!["unreadable: ".Length..],
            "rate_mismatch" => outcome.Error!["rate_mismatch: ".Length..] +
                "; resample one of them first (PESQ compares signals at one rate)",
            _ => $"cannot score {degradedPath} against {referencePath}: " + Describe(outcome.Error!),
        };
        stderr.WriteLine($"perceptor pesq: {why}");
        return Failure;
    }

    private static int ScoreCases(string casesPath, string? outPath, int threads, TextWriter stdout, TextWriter stderr)
    {
        var list = PesqCaseFile.Read(casesPath);
        var outcomes = ProgressDisplay.Run("pesq cases", list.Count, stderr,
            progress => PesqCaseFile.Score(list, threads, progress));
        var summaryWriter = stderr;
        if (outPath is not null)
        {
            PesqCaseFile.WriteResults(outPath, outcomes);
            summaryWriter = stdout;
            summaryWriter.WriteLine($"wrote {outcomes.Count} results to {outPath}");
        }
        else
        {
            PesqCaseFile.WriteResults(stdout, outcomes);
        }

        WriteSummary(summaryWriter, PesqSummary.Of(outcomes), outcomes.Count);
        foreach (var o in outcomes)
        {
            if (o.ErrorKind == "unreadable")
            {
                stderr.WriteLine($"perceptor pesq: case {o.Id}: {o.Error}");
            }
        }

        return 0;
    }

    private static int ScoreFolders(string cleanDir, string degradedDir, PesqMode? mode, string? outPath, int threads,
        TextWriter stdout, TextWriter stderr)
    {
        var (matched, missingDegraded, missingReference) = PesqDirectoryScorer.Match(cleanDir, degradedDir);
        ReportMissing(stderr, missingDegraded, $"in {cleanDir} but not in {degradedDir}");
        ReportMissing(stderr, missingReference, $"in {degradedDir} but not in {cleanDir}");
        if (matched.Count == 0)
        {
            stderr.WriteLine($"perceptor pesq: no .wav file name is present in both {cleanDir} and {degradedDir}");
            return Failure;
        }

        var report = ProgressDisplay.Run("pesq", matched.Count, stderr,
            progress => PesqDirectoryScorer.Score(cleanDir, degradedDir, mode, threads, progress));
        if (outPath is not null)
        {
            PesqDirectoryScorer.WriteResults(outPath, report);
            stdout.WriteLine($"wrote {report.Outcomes.Count} results to {outPath}");
        }

        WriteSummary(stdout, report.Summary, report.Outcomes.Count);
        foreach (var o in report.Outcomes)
        {
            if (!o.IsSuccess)
            {
                stderr.WriteLine($"perceptor pesq: {o.Id}: {o.Error}");
            }
        }

        return 0;
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

    private static void WriteSummary(TextWriter writer, PesqSummary summary, int total)
    {
        string mean = summary.Scored > 0 ? summary.Mean.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
        writer.WriteLine($"scored {summary.Scored} of {total}; mean MOS-LQO {mean}");
        if (summary.FailuresByKind.Count > 0)
        {
            writer.WriteLine("failures: " + string.Join(", ", summary.FailuresByKind.Select(kv => $"{kv.Key} {kv.Value}")));
        }
    }

    private static string Describe(string kind) => kind switch
    {
        "too_short" => "a signal is shorter than a quarter second (too_short)",
        "no_utterances" => "no speech was found in the reference (no_utterances)",
        "invalid_fs" => "PESQ runs at 8000 or 16000 Hz, and wideband only at 16000 Hz; resample first or use " +
            "--mode nb at 8 kHz (invalid_fs)",
        "silent_degraded" => "the degraded signal is silent (silent_degraded)",
        "non_finite" => "a signal contains NaN or infinite samples (non_finite)",
        _ => kind,
    };
}
