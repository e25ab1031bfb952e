using System.Globalization;

namespace Perceptor.Experiments.Cluster;

/// <summary>
/// What one batch scheduler says differently in a job-array script: its directives, the variables that carry the task
/// index and the core count, how it is submitted, watched and rerun, and how a task learns that its walltime ends.
/// Everything else in the script is the same for every scheduler.
/// </summary>
internal abstract class SchedulerDialect
{
    /// <summary>The name used in file names and <c>--emit</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The command that submits a script (<c>sbatch</c>, <c>qsub</c>).</summary>
    public abstract string SubmitCommand { get; }

    /// <summary>The variable that holds a task's index in the array.</summary>
    public abstract string TaskIndexVariable { get; }

    /// <summary>The variable that holds the cores granted to a task.</summary>
    public abstract string ThreadsVariable { get; }

    /// <summary>
    /// True where the scheduler sends no early signal before the walltime, so the script stops train itself
    /// <c>MARGIN</c> seconds before it.
    /// </summary>
    public bool StopsItself => WalltimeLimitLine(0) is not null;

    public static SchedulerDialect For(Scheduler scheduler) => scheduler switch
    {
        Scheduler.Slurm => SlurmDialect.Instance,
        Scheduler.Torque => TorqueDialect.Instance,
        Scheduler.PbsPro => PbsProDialect.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(scheduler)),
    };

    /// <summary>The directive lines, which must come before the first command.</summary>
    public abstract IEnumerable<string> Directives(ClusterOptions options, string logs, int lastTask);

    /// <summary>Comment lines: which syntax this is, how to watch and cancel the tasks, how to rerun some.</summary>
    public abstract IEnumerable<string> UsageNotes(string scriptPath);

    /// <summary>Comment lines: how the scheduler ends a task at its walltime and how the task is stopped by hand.</summary>
    public abstract IEnumerable<string> StopNotes();

    /// <summary>The shell line that sets <c>LIMIT</c>, the walltime in seconds, where <see cref="StopsItself"/>; else null.</summary>
    public virtual string? WalltimeLimitLine(int walltimeSeconds) => null;

    /// <summary>The shell line that sets <c>TASK</c> from the scheduler's index variable.</summary>
    public virtual string TaskLine(int lastTask) =>
        $"TASK=\"${{{TaskIndexVariable}:?submit this script with {SubmitCommand}: it is a job array}}\"";

    /// <summary>The submit command that also passes <c>PERCEPTOR</c> on to the tasks.</summary>
    public virtual string SubmitWithEnvironment(string submit) => submit;

    /// <summary>Things about this plan that this scheduler may handle badly.</summary>
    public virtual IEnumerable<string> Warnings(int tasks, ClusterOptions options, string outDir) => [];

    /// <summary>The array range <c>0-N</c>, with <c>%K</c> where at most K tasks may run at once.</summary>
    protected static string ArrayRange(int lastTask, int? maxConcurrent) =>
        string.Create(CultureInfo.InvariantCulture, $"0-{lastTask}{(maxConcurrent is { } k ? "%" + k.ToString(CultureInfo.InvariantCulture) : "")}");
}
