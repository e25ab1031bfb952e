using System.CommandLine;
using Perceptor.Training.Checkpoints;

namespace Perceptor.Cli.Commands;

/// <summary><c>perceptor convert</c>: parses options and hands them to <see cref="CheckpointConverter.Convert"/>.</summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("IN")
        {
            Description = "Weights to read: a Perceptor checkpoint (.ckpt), a PyTorch torch.save file (any name, e.g. the reference's CMGAN_epoch_7_0.105; " +
                "a plain state dict, a dict wrapping one under model/state_dict/generator/..., keys with DDP's 'module.' prefix) or a .safetensors file. " +
                "The format is read from the file's first bytes.",
        };
        var output = new Argument<string>("OUT")
        {
            Description = "File to write; its extension gives the format: .pt or .pth (a state dict PyTorch loads with strict=True), .safetensors, " +
                ".ckpt (a Perceptor checkpoint: the generator, the input's discriminator or a fresh one, fresh optimisers, epoch 0).",
        };
        var part = new Option<string>("--part")
        {
            Description = "Which network to take from a file that holds both (a .ckpt, or a dict with generator and discriminator).",
            DefaultValueFactory = _ => "generator",
        };
        part.AcceptOnlyFromAmong("generator", "discriminator");
        var command = new Command("convert",
            "Convert CMGAN weights between Perceptor checkpoints, PyTorch state dicts and safetensors. The model size is read from the tensor " +
            "shapes; a file that does not fit is refused, naming the first missing, unexpected or mis-shaped key, and nothing is written.")
        {
            input, output, part,
        };
        command.SetAction((parseResult, cancellationToken) => Task.Run(() =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var which = parseResult.GetValue(part) == "discriminator" ? ModelPart.Discriminator : ModelPart.Generator;
            try
            {
                var summary = CheckpointConverter.Convert(parseResult.GetValue(input)!, parseResult.GetValue(output)!, which);
                stdout.WriteLine($"read {summary.Input} ({Name(summary.InputFormat)}, {summary.Part.ToString().ToLowerInvariant()}: {summary.Origin})");
                stdout.WriteLine($"  {summary.Size}");
                stdout.WriteLine($"wrote {summary.Output} ({Name(summary.OutputFormat)}, {summary.Tensors} tensors)");
                foreach (string note in summary.Notes)
                {
                    stdout.WriteLine($"  {note}");
                }

                return 0;
            }
            catch (CheckpointException e)
            {
                stderr.WriteLine($"perceptor convert: {e.Message}");
                return 2;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"perceptor convert: cannot write {parseResult.GetValue(output)}: {e.Message}");
                return 2;
            }
        }, cancellationToken));
        return command;
    }

    private static string Name(WeightsFormat format) => format switch
    {
        WeightsFormat.Perceptor => "Perceptor checkpoint",
        WeightsFormat.PyTorch => "PyTorch state dict",
        _ => "safetensors",
    };
}
