using System.CommandLine;
using Perceptor.Audio;
using Perceptor.Training.Checkpoints;
using Perceptor.Training.Enhance;

namespace Perceptor.Cli.Commands;

/// <summary><c>perceptor enhance</c>: parses options and hands them to <see cref="FileEnhancer.Run(EnhanceRequest, Action{string}?, CancellationToken)"/>.</summary>
internal static class EnhanceCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "Checkpoint written by 'perceptor train' (RUN/checkpoints/best.ckpt or last.ckpt), or a PyTorch (torch.save) or .safetensors generator state dict; its size is read from the tensor shapes.", Required = true };
        var input = new Option<string>("--input") { Description = "A WAV file, or a folder whose .wav files are enhanced (any length, any sample rate; the first channel is used).", Required = true };
        var output = new Option<string>("--output") { Description = "Output WAV file for a file input, or output folder (created if needed) for a folder input.", Required = true };
        var rate = new Option<string>("--output-rate")
        {
            Description = "'input' writes each file back at its own sample rate (resampled from the model's 16 kHz); '16000' writes the model's 16 kHz output as it is.",
            DefaultValueFactory = _ => "input",
        };
        rate.AcceptOnlyFromAmong("input", "16000");
        var format = new Option<string>("--format")
        {
            Description = "Sample format written: float32 (never clips) or pcm16 (rounds, saturates at full scale).",
            DefaultValueFactory = _ => "float32",
        };
        format.AcceptOnlyFromAmong("float32", "pcm16");
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N (CUDA needs the TorchSharp CUDA bundle).", DefaultValueFactory = _ => "cpu" };
        var chunk = new Option<double>("--chunk-seconds")
        {
            Description = "Longest piece the generator sees at once (the reference evaluation uses 16 s); lower it for long files on a small machine, as attention memory grows with its square.",
            DefaultValueFactory = _ => 16.0,
        };
        var command = new Command("enhance",
            "Enhance WAV files with a trained checkpoint using the reference's full-utterance procedure: resample to 16 kHz, one level " +
            "normalisation per file, padding to a multiple of 100 samples, equal chunks of at most --chunk-seconds. Unreadable files are named and skipped.")
        {
            checkpoint, input, output, rate, format, device, chunk,
        };
        command.SetAction((parseResult, cancellationToken) => Task.Run(() =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            double chunkSeconds = parseResult.GetValue(chunk);
            if (!(chunkSeconds >= 1))
            {
                stderr.WriteLine("perceptor enhance: --chunk-seconds must be at least 1");
                return 2;
            }

            var request = new EnhanceRequest
            {
                Checkpoint = parseResult.GetValue(checkpoint)!,
                Input = parseResult.GetValue(input)!,
                Output = parseResult.GetValue(output)!,
                Device = parseResult.GetValue(device)!,
                ChunkSeconds = chunkSeconds,
                Rate = parseResult.GetValue(rate) == "16000" ? OutputRate.Model16k : OutputRate.Input,
                Format = parseResult.GetValue(format) == "pcm16" ? WavSampleFormat.Pcm16 : WavSampleFormat.Float32,
            };
            try
            {
                var summary = FileEnhancer.Run(request, stdout.WriteLine, cancellationToken);
                stdout.WriteLine($"enhanced {summary.Written.Count} file(s), {summary.Failures.Count} could not be enhanced");
                foreach (string failure in summary.Failures)
                {
                    stderr.WriteLine($"  {failure}");
                }

                return summary.Failures.Count == 0 ? 0 : summary.Written.Count > 0 ? 1 : 2;
            }
            catch (Exception e) when (e is CheckpointException or ArgumentException or InvalidOperationException or IOException)
            {
                stderr.WriteLine($"perceptor enhance: {e.Message}");
                return 2;
            }
        }, cancellationToken));
        return command;
    }
}
