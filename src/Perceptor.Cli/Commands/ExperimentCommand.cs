using System.CommandLine;
using System.Globalization;
using Perceptor.Audio;
using Perceptor.Experiments;
using Perceptor.Experiments.Arms;
using Perceptor.Experiments.Cluster;
using Perceptor.Training.Checkpoints;
using Perceptor.Training.Config;
using Perceptor.Training.Data;

namespace Perceptor.Cli.Commands;

/// <summary><c>perceptor experiment</c>: parses the options and hands them to <see cref="ExperimentSession.Run"/>.</summary>
internal static class ExperimentCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data")
        {
            Description = "Corpus folder with train/clean, train/noisy, test/clean, test/noisy (every arm trains on it).",
            Required = true,
        };
        var output = new Option<string>("--out")
        {
            Description = "Experiment folder: one run folder per arm and seed (OUT/<arm>/seed-<s>/), experiment.json, logs/, report/. " +
                "Running the same command again continues an interrupted experiment: finished runs are skipped, unfinished ones " +
                "resume from their last checkpoint; new arms or seeds are added.",
            Required = true,
        };
        var arms = new Option<string[]>("--arms")
        {
            Description = "The arms, separated by commas (repeatable): " + ArmParser.BuiltInSummary + ". baseline (the reference: " +
                "a failed PESQ clip skips the discriminator step) is always run and compared with; mask, batch-mean and " +
                "speech-crops test H1, disc-lr H2, gan-weight H3, batch-size H6. The plan that weighs H1-H3 together is " +
                "--arms baseline,batch-mean,mask,disc-lr=5e-4,gan-weight=0.2,gan-weight=0.3.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs per run (default 10; 0 keeps the preset's).", DefaultValueFactory = _ => 10 };
        var seeds = new Option<string>("--seeds")
        {
            Description = "Training seeds, e.g. 1,2,3: every arm runs once per seed with the same data order and crops. " +
                "Verdicts need at least two seeds to weigh a difference against the seed-to-seed spread.",
            DefaultValueFactory = _ => "1",
        };
        var preset = new Option<string?>("--preset")
        {
            Description = $"Training preset ({string.Join(", ", ConfigLoader.PresetNames)}) or model preset (cmgan, small, tiny) for every run.",
        };
        var config = new Option<string?>("--config") { Description = "JSON config file applied to every run after the preset." };
        var set = new Option<string[]>("--set")
        {
            Description = "A setting for every arm, key=value (repeatable), e.g. --set train.cropSeconds=1; an arm's own settings win.",
        };
        var parallel = new Option<int>("--parallel")
        {
            Description = "Runs trained at once as child 'perceptor train' processes, each with its share of the cores (default 1: " +
                "one after another in this process). With --emit: the most array tasks running at once.",
            DefaultValueFactory = _ => 1,
        };
        var emit = new Option<string?>("--emit")
        {
            Description = "Write a job-array script for a cluster instead of training here: slurm (sbatch, --array), pbs (Torque/PBS: " +
                "qsub, -t, PBS_ARRAYID) or pbspro (PBS Professional/OpenPBS: qsub, -J, PBS_ARRAY_INDEX). One task per arm x seed; " +
                "gather with 'perceptor report OUT'.",
        };
        emit.AcceptOnlyFromAmong("slurm", "pbs", "torque", "pbspro");
        var defaults = new ClusterOptions();
        var time = new Option<string>("--cluster-time") { Description = "Wall time per task, HH:MM:SS.", DefaultValueFactory = _ => defaults.Walltime };
        var cpus = new Option<int>("--cluster-cpus") { Description = "CPU cores per task.", DefaultValueFactory = _ => defaults.Cpus };
        var mem = new Option<int>("--cluster-mem-gb") { Description = "Memory per task in GiB.", DefaultValueFactory = _ => defaults.MemoryGb };
        var gpus = new Option<int>("--cluster-gpus") { Description = "GPUs per task (add --set runtime.device=cuda to use them).", DefaultValueFactory = _ => 0 };
        var queue = new Option<string?>("--cluster-queue") { Description = "Slurm partition or PBS queue (default: the site's)." };
        var account = new Option<string?>("--cluster-account") { Description = "Account/project to charge (default: the site's)." };
        var jobName = new Option<string>("--cluster-job-name") { Description = "Job name.", DefaultValueFactory = _ => defaults.JobName };
        var setup = new Option<string[]>("--cluster-setup")
        {
            Description = "A shell line each task runs before training, e.g. \"module load dotnet\" (repeatable).",
        };
        var initGenerator = new Option<string?>("--init-generator")
        {
            Description = "Start every run (every arm, every seed) from these generator weights, e.g. the checkpoint at the PESQ peak " +
                "(.ckpt, .pt/.pth or .safetensors; the model size comes from the file): the runs spend their epochs around the collapse. " +
                "Checked before any run starts and recorded with its SHA-256 in experiment.json; a continued experiment refuses a changed file.",
        };
        var initDiscriminator = new Option<string?>("--init-discriminator")
        {
            Description = "Start every run's discriminator from these weights (default: a fresh discriminator in every run).",
        };
        var initFrom = new Option<string?>("--init-from")
        {
            Description = "Start every run from both networks of a Perceptor run's checkpoint: RUNDIR[:best|:last] (default best, " +
                "the best eval PESQ); the same as --init-generator and --init-discriminator with RUNDIR/checkpoints/best.ckpt.",
        };
        var noReport = new Option<bool>("--no-report") { Description = "Do not write the comparison report at the end." };

        var command = new Command("experiment",
            "Run hypothesis arms (baseline skip-batch, batch-mean, mask, discriminator LR, GAN weight, ...) on the same data and " +
            "seeds, then write a comparison report with a verdict per hypothesis; or write a Slurm/PBS job-array script.");
        foreach (var option in new Option[] { data, output, arms, epochs, seeds, preset, config, set, parallel, emit, time, cpus, mem, gpus, queue, account, jobName, setup, initGenerator, initDiscriminator, initFrom, noReport })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            TextWriter stderr = parse.InvocationConfiguration.Error;
            long[] seedList;
            try
            {
                seedList = ParseSeeds(parse.GetValue(seeds)!);
            }
            catch (FormatException e)
            {
                stderr.WriteLine($"perceptor experiment: {e.Message}");
                return 2;
            }

            int? epochCount = parse.GetValue(epochs);
            var request = new ExperimentRequest
            {
                DataDir = parse.GetValue(data)!,
                OutDir = parse.GetValue(output)!,
                Arms = parse.GetValue(arms) ?? [],
                Seeds = seedList,
                Epochs = epochCount is 0 ? null : epochCount,
                Preset = parse.GetValue(preset),
                ConfigFile = parse.GetValue(config),
                CommonSettings = parse.GetValue(set) ?? [],
                InitGenerator = parse.GetValue(initGenerator),
                InitDiscriminator = parse.GetValue(initDiscriminator),
                InitFrom = parse.GetValue(initFrom),
                Parallel = parse.GetValue(parallel),
                Report = !parse.GetValue(noReport),
                Emit = parse.GetValue(emit) is { } scheduler
                    ? new ClusterOptions
                    {
                        Scheduler = JobArrayScriptWriter.ParseScheduler(scheduler),
                        Walltime = parse.GetValue(time)!,
                        Cpus = parse.GetValue(cpus),
                        MemoryGb = parse.GetValue(mem),
                        Gpus = parse.GetValue(gpus),
                        Queue = parse.GetValue(queue),
                        Account = parse.GetValue(account),
                        JobName = parse.GetValue(jobName)!,
                        Setup = parse.GetValue(setup) ?? [],
                    }
                    : null,
            };

            using var stop = new StopRequest("the running runs stop at their next batch and write a checkpoint; run the same command again to continue");
            try
            {
                var result = ExperimentSession.Run(request, stdout, cancellationToken: stop.Token);
                return Present(result, stdout, stderr);
            }
            catch (Exception e) when (e is ArgumentException or IOException or ConfigException or DataException
                or CheckpointException or AudioFileException or InvalidDataException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"perceptor experiment: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static int Present(ExperimentResult result, TextWriter stdout, TextWriter stderr)
    {
        if (result.Script is { } script)
        {
            foreach (string warning in script.Warnings)
            {
                stderr.WriteLine($"warning: {warning}");
            }

            stdout.WriteLine($"wrote {script.Path}: {script.Tasks} array task(s), one per arm x seed");
            stdout.WriteLine($"submit:  {script.SubmitCommand}");
            stdout.WriteLine($"gather:  {script.GatherCommand}   (when the tasks have finished)");
            return 0;
        }

        var outcome = result.Outcome!;
        if (result.Report is { } report)
        {
            stdout.WriteLine();
            stdout.Write(report.Summary);
            stdout.WriteLine($"report: {report.HtmlPath}");
        }

        if (outcome.Interrupted)
        {
            stdout.WriteLine($"interrupted: {outcome.Finished} of {outcome.Runs.Count} runs finished; run the same command again to continue");
        }
        else if (outcome.Failed.Count > 0)
        {
            stderr.WriteLine($"perceptor experiment: {outcome.Failed.Count} run(s) failed: " +
                string.Join("; ", outcome.Failed.Select(r => $"{r.Run.Name}: {r.Message}")));
        }

        return outcome.ExitCode;
    }

    private static long[] ParseSeeds(string text)
    {
        var parts = text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var seeds = new List<long>();
        foreach (string part in parts)
        {
            if (!long.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out long seed))
            {
                throw new FormatException($"--seeds: '{part}' is not a whole number (e.g. --seeds 1,2,3)");
            }

            seeds.Add(seed);
        }

        return seeds.Count > 0 ? [.. seeds] : throw new FormatException("--seeds: give at least one seed");
    }
}
