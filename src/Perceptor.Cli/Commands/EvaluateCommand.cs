using System.CommandLine;
using Perceptor.Audio;
using Perceptor.Quality.Evaluation;

namespace Perceptor.Cli.Commands;

/// <summary>
/// <c>perceptor evaluate</c>: the standard evaluation table over folders of clean and enhanced files. The work and
/// the printing are <see cref="EvaluationRunner"/>'s; this command parses and hands over its writers.
/// </summary>
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
        var output = new Option<string>("--out")
        {
            Description = "Folder for per_file.csv and summary.json (created if needed; files are replaced atomically; " +
                "nothing is written when no pair could be scored).",
            DefaultValueFactory = _ => "evaluation",
        };
        var format = new Option<string>("--format")
        {
            Description = "text (the table of means) or json (one object on standard output with every field of " +
                "summary.json and per_file.csv, keys in camelCase; docs/evaluate-json.md).",
            DefaultValueFactory = _ => "text",
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
            "and averaged, computed as the reference Python/MATLAB tools do for VoiceBank+DEMAND papers, plus SI-SDR and " +
            "ESTOI. Files are paired by name; other sample rates are resampled to 16 kHz. A missing pair, an unreadable " +
            "file or a rate mismatch is reported by name and the rest is scored. Exit code: 0 all pairs scored, 1 some " +
            "files had problems (results still written), 2 the folders or --out could not be used or no pair could be " +
            "scored (nothing written).")
        {
            clean, enhanced, noisy, output, format, jobs, channels,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            TextWriter stderr = parse.InvocationConfiguration.Error;
            EvaluationOutputFormat? chosen = parse.GetValue(format) switch
            {
                "text" => EvaluationOutputFormat.Text,
                "json" => EvaluationOutputFormat.Json,
                _ => null,
            };
            if (chosen is null)
            {
                stderr.WriteLine($"perceptor evaluate: --format must be text or json, not '{parse.GetValue(format)}'");
                return Task.FromResult(2);
            }

            var options = new FolderEvaluationOptions
            {
                CleanDirectory = parse.GetValue(clean)!.FullName,
                EnhancedDirectory = parse.GetValue(enhanced)!.FullName,
                NoisyDirectory = parse.GetValue(noisy)?.FullName,
                OutputDirectory = Path.GetFullPath(parse.GetValue(output)!),
                MaxDegreeOfParallelism = parse.GetValue(jobs),
                ChannelMix = parse.GetValue(channels),
            };
            bool interactive = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
            var progress = new EvaluationProgressPrinter(stderr, interactive);
            return Task.Run(() => EvaluationRunner.Run(options, chosen.Value, stdout, stderr, progress, cancellationToken),
                cancellationToken);
        });
        return command;
    }
}
