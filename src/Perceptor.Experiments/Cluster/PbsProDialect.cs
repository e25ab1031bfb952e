using System.Globalization;

namespace Perceptor.Experiments.Cluster;

/// <summary>
/// PBS Professional / OpenPBS: <c>-J</c> arrays, <c>PBS_ARRAY_INDEX</c>, <c>select=1:ncpus=N</c>. An array needs two
/// or more subjobs, so a single task is submitted as a plain job.
/// </summary>
internal sealed class PbsProDialect : PbsDialect
{
    public static readonly PbsProDialect Instance = new();

    public override string Name => "pbspro";

    public override string TaskIndexVariable => "PBS_ARRAY_INDEX";

    public override string ThreadsVariable => "NCPUS";

    protected override string DisplayName => "PBS Pro";

    protected override int KillDelaySeconds => 10;

    protected override string WalltimeSource => "before the walltime above (edit LIMIT if you submit with another)";

    protected override string SyntaxNote =>
        "# This is the PBS Professional / OpenPBS syntax (-J, PBS_ARRAY_INDEX). For Torque use --emit pbs (-t, PBS_ARRAYID).";

    public override string? WalltimeLimitLine(int walltimeSeconds) =>
        string.Create(CultureInfo.InvariantCulture, $"LIMIT={walltimeSeconds}");

    public override string TaskLine(int lastTask) => lastTask == 0
        ? "TASK=\"${PBS_ARRAY_INDEX:-0}\"   # one run: submitted as a plain job"
        : base.TaskLine(lastTask);

    public override IEnumerable<string> Warnings(int tasks, ClusterOptions options, string outDir)
    {
        foreach (string warning in base.Warnings(tasks, options, outDir))
        {
            yield return warning;
        }

        if (tasks == 1 && options.MaxConcurrent is not null)
        {
            yield return "a single task is submitted as a plain job (PBS Pro arrays need two or more subjobs); the concurrency limit is dropped";
        }
    }

    protected override string RerunNote(string scriptPath) =>
        "# Rerun tasks (e.g. after a node failure): submit the script again; finished runs exit at once.";

    protected override IEnumerable<string> ArrayDirectives(ClusterOptions options, int lastTask)
    {
        if (lastTask == 0)
        {
            yield break;
        }

        yield return string.Create(CultureInfo.InvariantCulture, $"#PBS -J 0-{lastTask}");
        if (options.MaxConcurrent is { } max)
        {
            // max_run_subjobs needs PBS Professional 2020.1 / OpenPBS 20 or later.
            yield return string.Create(CultureInfo.InvariantCulture, $"#PBS -W max_run_subjobs={max}");
        }
    }

    protected override IEnumerable<string> ResourceDirectives(ClusterOptions options) =>
    [
        string.Create(CultureInfo.InvariantCulture,
            $"#PBS -l select=1:ncpus={options.Cpus}:mem={options.MemoryGb}gb{(options.Gpus > 0 ? $":ngpus={options.Gpus}" : "")}"),
    ];

    protected override string OutputPath(ClusterOptions options, string logs, int lastTask) =>
        logs + "/" + options.JobName + (lastTask > 0 ? ".^array_index^.out" : ".out");
}
