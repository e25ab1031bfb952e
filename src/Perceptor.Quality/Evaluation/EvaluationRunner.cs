namespace Perceptor.Quality.Evaluation;

/// <summary>
/// The whole of <c>perceptor evaluate</c> as one library call: score the folders, write the files, print the result
/// through the given writers and return the exit code (0 every pair scored; 1 some files had problems, results
/// written; 2 the folders or the output path cannot be used, or no pair could be scored, nothing written; 130
/// cancelled). Every error is one line on the error writer naming the path and the problem.
/// </summary>
public static class EvaluationRunner
{
    /// <summary>Runs the evaluation of <paramref name="options"/>, printing in <paramref name="format"/>.</summary>
    public static int Run(FolderEvaluationOptions options, EvaluationOutputFormat format, TextWriter stdout, TextWriter stderr,
        IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (options.MaxDegreeOfParallelism < 0)
        {
            return Error(stderr, "--jobs must be 0 (every core) or a positive count");
        }

        if (FolderEvaluator.OutputProblem(options) is string outputProblem)
        {
            return Error(stderr, outputProblem);
        }

        FolderEvaluationResult result;
        try
        {
            result = FolderEvaluator.Run(options, progress, cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return Error(stderr, e.Message);
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("perceptor evaluate: cancelled; nothing written");
            return 130;
        }

        var table = result.Table;
        var problems = table.Problems.ToList();
        if (result.Scored == 0)
        {
            stderr.WriteLine($"perceptor evaluate: no pair could be scored ({problems.Count} file(s) with problems); " +
                "nothing written" + (options.OutputDirectory is null ? "" : $", earlier results in {options.OutputDirectory} kept"));
            WriteProblems(stderr, problems);
            return 2;
        }

        if (format == EvaluationOutputFormat.Json)
        {
            stdout.Write(EvaluationJson.Format(result, options));
            WriteProblems(stderr, problems);
            return problems.Count > 0 ? 1 : 0;
        }

        stdout.WriteLine();
        stdout.WriteLine($"{result.Scored} of {table.Rows.Count} files scored " +
            $"(clean {options.CleanDirectory}, enhanced {options.EnhancedDirectory}" +
            (options.NoisyDirectory is null ? ")" : $", noisy {options.NoisyDirectory})"));
        stdout.Write(EvaluationTableText.Format(table));
        if (problems.Count > 0)
        {
            stdout.WriteLine();
            WriteProblems(stdout, problems);
        }

        int metricFailures = table.Rows.Count(r => r.Problem is null && EvaluationCsv.Failures(r.Enhanced).Length > 0);
        if (metricFailures > 0)
        {
            stdout.WriteLine($"{metricFailures} scored file(s) have empty metrics; the reasons are in the failures column of per_file.csv");
        }

        if (result.PerFileCsvPath is not null)
        {
            stdout.WriteLine();
            stdout.WriteLine($"written: {result.PerFileCsvPath}");
            stdout.WriteLine($"written: {result.SummaryJsonPath}");
        }

        return problems.Count > 0 ? 1 : 0;
    }

    private static int Error(TextWriter stderr, string message)
    {
        stderr.WriteLine($"perceptor evaluate: {message}");
        return 2;
    }

    private static void WriteProblems(TextWriter writer, List<EvaluationRow> problems)
    {
        if (problems.Count == 0)
        {
            return;
        }

        writer.WriteLine($"{problems.Count} file(s) not scored:");
        foreach (var row in problems)
        {
            writer.WriteLine($"  {row.Name}: {row.Problem}");
        }
    }
}
