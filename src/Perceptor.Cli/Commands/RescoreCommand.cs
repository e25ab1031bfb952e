using System.CommandLine;
using Perceptor.Training.Rescore;

namespace Perceptor.Cli.Commands;

/// <summary>
/// <c>perceptor rescore</c>: scores a series of generator checkpoints on the full test utterances. The work and the
/// printing are <see cref="RescoreRunner"/>'s; this command parses and hands over its writers.
/// </summary>
internal static class RescoreCommand
{
    public static Command Create()
    {
        var checkpoints = new Argument<string[]>("CHECKPOINT")
        {
            Description = "Checkpoint files (Perceptor .ckpt, PyTorch .pt/.pth or names such as CMGAN_epoch_7_0.105, .safetensors), folders " +
                "(every checkpoint in it; a run folder gives those in its checkpoints/ folder) or patterns such as 'ckpt/CMGAN_epoch_*' " +
                "(expanded here when quoted).",
            Arity = ArgumentArity.OneOrMore,
        };
        var data = new Option<string>("--data")
        {
            Description = "Data folder with test/clean and test/noisy (the layout train uses); every checkpoint is scored on the same utterances.",
            Required = true,
        };
        var maxFiles = new Option<int>("--max-files")
        {
            Description = "Score only the first N usable test pairs in natural order (0 = all), the same N for every checkpoint.",
            DefaultValueFactory = _ => 0,
        };
        var output = new Option<string?>("--out")
        {
            Description = "Output folder for rescore.json, rescore.csv, per_file.csv, the plots and cache/ (default: rescore/ inside the first " +
                "argument when it is a folder, else beside the first checkpoint). Rerunning into it reuses cached checkpoints.",
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Threads for the generator (torch) and for scoring (0 = every core).",
            DefaultValueFactory = _ => 0,
        };
        var format = new Option<string>("--format")
        {
            Description = "text (the table per epoch) or json (one object on standard output; docs/rescore.md).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N (CUDA needs the TorchSharp CUDA bundle).", DefaultValueFactory = _ => "cpu" };
        var chunk = new Option<double>("--chunk-seconds")
        {
            Description = "Longest piece the generator sees at once (the reference evaluation uses 16 s).",
            DefaultValueFactory = _ => 16.0,
        };
        var command = new Command("rescore",
            "Score every generator checkpoint of a series on the full test utterances with the reference's full-utterance " +
            "enhancement and the evaluation table (PESQ, CSIG, CBAK, COVL, SSNR, STOI, SI-SDR, ESTOI), with the noisy input's row; " +
            "epochs come from the checkpoint names (CMGAN_epoch_7_0.105, epoch=7, epoch_7, ep7), a Perceptor checkpoint's state, or the " +
            "order given. Writes what 'diagnose LOG --rescored DIR' reads, and caches each checkpoint so an interrupted rescore continues. " +
            "Exit code: 0 all scored, 1 some checkpoints or files failed (named; the rest written), 2 usage or unusable input (nothing written).")
        {
            checkpoints, data, maxFiles, output, threads, format, device, chunk,
        };
        command.SetAction(parse =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            TextWriter stderr = parse.InvocationConfiguration.Error;
            var request = new RescoreRequest
            {
                Checkpoints = parse.GetValue(checkpoints)!,
                DataDir = parse.GetValue(data)!,
                MaxFiles = parse.GetValue(maxFiles),
                OutDirectory = parse.GetValue(output),
                Threads = parse.GetValue(threads),
                Device = parse.GetValue(device)!,
                ChunkSeconds = parse.GetValue(chunk),
            };
            var chosen = parse.GetValue(format) == "json" ? RescoreOutputFormat.Json : RescoreOutputFormat.Text;
            bool interactive = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
            var progress = new RescoreProgressPrinter(stderr, interactive);
            // Ctrl+C or SIGTERM stops after the current utterance; what is scored stays in the cache and the files are written.
            using var stop = new StopRequest("stopping after this utterance; the checkpoints scored so far are kept, the same command continues");
            return RescoreRunner.Run(request, chosen, stdout, stderr, progress, stop.Token);
        });
        return command;
    }
}
