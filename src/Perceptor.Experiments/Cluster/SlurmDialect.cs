using System.Globalization;

namespace Perceptor.Experiments.Cluster;

/// <summary>Slurm: <c>#SBATCH</c> directives, <c>--array</c>, and SIGUSR1 to the batch shell ahead of the time limit.</summary>
internal sealed class SlurmDialect : SchedulerDialect
{
    public static readonly SlurmDialect Instance = new();

    public override string Name => "slurm";

    public override string SubmitCommand => "sbatch";

    public override string TaskIndexVariable => "SLURM_ARRAY_TASK_ID";

    public override string ThreadsVariable => "SLURM_CPUS_PER_TASK";

    public override IEnumerable<string> Directives(ClusterOptions options, string logs, int lastTask)
    {
        var inv = CultureInfo.InvariantCulture;
        yield return $"#SBATCH --job-name={options.JobName}";
        yield return $"#SBATCH --array={ArrayRange(lastTask, options.MaxConcurrent)}";
        yield return $"#SBATCH --time={options.Walltime}";
        yield return "#SBATCH --nodes=1";
        yield return "#SBATCH --ntasks=1";
        yield return string.Create(inv, $"#SBATCH --cpus-per-task={options.Cpus}");
        yield return string.Create(inv, $"#SBATCH --mem={options.MemoryGb}G");
        if (options.Gpus > 0)
        {
            yield return string.Create(inv, $"#SBATCH --gres=gpu:{options.Gpus}");
        }

        if (options.Queue is not null)
        {
            yield return $"#SBATCH --partition={options.Queue}";
        }

        if (options.Account is not null)
        {
            yield return $"#SBATCH --account={options.Account}";
        }

        yield return $"#SBATCH --output={ScriptText.Argument(logs.Replace("%", "%%", StringComparison.Ordinal) + "/%x_%A_%a.out")}";
        // A requeued task keeps its job and array ids, so its log file name: append rather than truncate it.
        yield return "#SBATCH --open-mode=append";
        yield return "#SBATCH --requeue";
        // SIGUSR1 to the batch shell only (B:), which passes it on to train as SIGTERM; see the stop handling.
        int margin = JobArrayScriptWriter.StopMarginSeconds(JobArrayScriptWriter.WalltimeSeconds(options.Walltime));
        yield return string.Create(inv, $"#SBATCH --signal=B:USR1@{Math.Max(1, margin)}");
    }

    public override IEnumerable<string> UsageNotes(string scriptPath)
    {
        yield return "# Watch: squeue --me       Cancel: scancel <jobid>";
        yield return $"# Rerun single tasks (e.g. after a node failure): sbatch --array=3,5 {ScriptText.Argument(scriptPath)}";
    }

    public override IEnumerable<string> StopNotes()
    {
        yield return "# Slurm sends SIGUSR1 to this shell ahead of the time limit (#SBATCH --signal above): the grace after its SIGTERM";
        yield return "# (KillWait, 30 s by default) rarely covers a batch. By hand: scancel --batch --signal=USR1 <jobid>_<task>.";
    }
}
