using System.Globalization;

namespace Perceptor.Experiments.Cluster;

/// <summary>Torque (and PBS derivatives that took its syntax): <c>-t</c> arrays, <c>PBS_ARRAYID</c>, <c>nodes=1:ppn=N</c>.</summary>
internal sealed class TorqueDialect : PbsDialect
{
    public static readonly TorqueDialect Instance = new();

    public override string Name => "pbs";

    public override string TaskIndexVariable => "PBS_ARRAYID";

    public override string ThreadsVariable => "PBS_NUM_PPN";

    protected override string DisplayName => "Torque";

    protected override int KillDelaySeconds => 2;

    protected override string WalltimeSource => "before the walltime (PBS_WALLTIME, else the one above)";

    protected override string SyntaxNote =>
        "# This is the Torque syntax (-t, PBS_ARRAYID). For PBS Professional / OpenPBS use --emit pbspro (-J, PBS_ARRAY_INDEX).";

    // Torque exports the walltime it granted; the one asked for is the fallback.
    public override string? WalltimeLimitLine(int walltimeSeconds) =>
        string.Create(CultureInfo.InvariantCulture, $"LIMIT=\"${{PBS_WALLTIME:-{walltimeSeconds}}}\"");

    protected override string RerunNote(string scriptPath) =>
        $"# Rerun single tasks (e.g. after a node failure): qsub -t 3,5 {ScriptText.Argument(scriptPath)}";

    protected override IEnumerable<string> ArrayDirectives(ClusterOptions options, int lastTask) =>
        [$"#PBS -t {ArrayRange(lastTask, options.MaxConcurrent)}"];

    protected override IEnumerable<string> ResourceDirectives(ClusterOptions options) =>
    [
        string.Create(CultureInfo.InvariantCulture, $"#PBS -l nodes=1:ppn={options.Cpus}{(options.Gpus > 0 ? $":gpus={options.Gpus}" : "")}"),
        string.Create(CultureInfo.InvariantCulture, $"#PBS -l mem={options.MemoryGb}gb"),
    ];

    // A folder: Torque names each task's file itself.
    protected override string OutputPath(ClusterOptions options, string logs, int lastTask) => logs + "/";
}
