using System.CommandLine;
using Perceptor.Cli.Commands;
using Perceptor.Training.Runtime;

namespace Perceptor.Cli;

/// <summary>Entry point of <c>perceptor</c>: builds the command tree; each command lives in its own file.</summary>
public static class Program
{
    // Commands that run libtorch: they start over with glibc and OpenMP set up for it (CpuTuning).
    private static readonly HashSet<string> TorchCommands = new(StringComparer.Ordinal) { "train", "enhance", "rescore", "bench", "demo", "experiment" };

    /// <summary>Runs the CLI and returns the process exit code.</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && TorchCommands.Contains(args[0]))
        {
            CpuTuning.RestartTuned();
        }

        return CommandLineRunner.Run(BuildRoot(), args);
    }

    /// <summary>The full command tree (also used by tests).</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "Perceptor: train metric-GAN speech enhancement (CMGAN family), score speech quality natively " +
            "(PESQ, STOI, CSIG/CBAK/COVL, SSNR) and diagnose why PESQ collapses while losses fall.");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(PesqCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EnhanceCommand.Create());
        root.Subcommands.Add(RescoreCommand.Create());
        root.Subcommands.Add(ConvertCommand.Create());
        root.Subcommands.Add(DiagnoseCommand.Create());
        root.Subcommands.Add(ExperimentCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        return root;
    }
}
