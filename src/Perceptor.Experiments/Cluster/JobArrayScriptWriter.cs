using System.Globalization;
using Perceptor.Experiments.Running;
using Perceptor.Audio.IO;

namespace Perceptor.Experiments.Cluster;

/// <summary>
/// Writes a job-array script for an experiment: one array task per arm × seed, each running <c>perceptor train</c>
/// for its run into its run folder (with <c>--resume</c> once the run has a checkpoint, so a requeued or resubmitted
/// task continues), plus <c>experiment.json</c> so that <c>perceptor report</c> knows the arms and hypotheses.
/// The script is bash with <c>set -euo pipefail</c>; the task → run mapping is an explicit <c>case</c> table and
/// every path is absolute, so it runs the same from any submission folder. What differs between schedulers lives in
/// one dialect each (<see cref="SchedulerDialect"/>); <see cref="Render"/> builds the text without touching the disk.
/// </summary>
public static class JobArrayScriptWriter
{
    /// <summary>Writes the script into the experiment folder and returns where it is and how to submit it.</summary>
    public static ClusterScript Write(ExperimentPlan plan, ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var dialect = SchedulerDialect.For(options.Scheduler);
        string outDir = Path.GetFullPath(plan.Spec.OutDir);
        string dataDir = Path.GetFullPath(plan.Spec.DataDir);
        var warnings = new List<string>();
        if (!Directory.Exists(dataDir))
        {
            warnings.Add($"the corpus {dataDir} does not exist on this machine; the compute nodes must see it at this path");
        }

        if (options.Gpus > 0 && !plan.Spec.CommonSettings.Any(s => s.StartsWith("runtime.device=cuda", StringComparison.OrdinalIgnoreCase)))
        {
            warnings.Add("GPUs are requested but the runs train on the CPU; add --set runtime.device=cuda (needs the CUDA build of perceptor)");
        }

        warnings.AddRange(dialect.Warnings(plan.Runs.Count, options, outDir));
        using (ExperimentLock.Acquire(outDir))
        {
            var manifest = ExperimentManifest.Load(outDir);
            if (manifest is null)
            {
                manifest = ExperimentManifest.Create(plan);
            }
            else
            {
                manifest.Add(plan);
            }

            manifest.Runner = dialect.Name;
            manifest.Save(outDir);
        }

        Directory.CreateDirectory(Path.Combine(outDir, "logs"));
        string file = ScriptPath(outDir, dialect);
        string text = Render(plan, options, DateTimeOffset.UtcNow);
        AtomicFile.WriteAllText(file, text, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return new ClusterScript(file, SubmitCommand(file, dialect), GatherCommand(outDir), plan.Runs.Count, warnings);
    }

    /// <summary>
    /// The script <see cref="Write"/> writes for <paramref name="plan"/>, as text; <paramref name="writtenAt"/> is the
    /// time its header names. Reads and writes nothing (paths are made absolute against the current folder).
    /// </summary>
    public static string Render(ExperimentPlan plan, ClusterOptions options, DateTimeOffset writtenAt)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var dialect = SchedulerDialect.For(options.Scheduler);
        var script = new JobArrayScript(plan, options, dialect, Path.GetFullPath(plan.Spec.OutDir),
            Path.GetFullPath(plan.Spec.DataDir), writtenAt);
        return string.Concat(script.Lines().Select(line => line + "\n"));
    }

    /// <summary>The name used in file names and <c>--emit</c>: <c>slurm</c>, <c>pbs</c> (Torque) or <c>pbspro</c>.</summary>
    public static string SchedulerName(Scheduler scheduler) => SchedulerDialect.For(scheduler).Name;

    /// <summary>Parses <c>slurm</c>, <c>pbs</c>/<c>torque</c> or <c>pbspro</c>/<c>openpbs</c>.</summary>
    public static Scheduler ParseScheduler(string text) => text.Trim().ToLowerInvariant() switch
    {
        "slurm" => Scheduler.Slurm,
        "pbs" or "torque" => Scheduler.Torque,
        "pbspro" or "pbs-pro" or "openpbs" => Scheduler.PbsPro,
        _ => throw new ArgumentException($"unknown scheduler '{text}' (slurm, pbs = Torque/PBS with -t arrays, pbspro = PBS Professional/OpenPBS with -J arrays)"),
    };

    /// <summary>Single-quotes <paramref name="text"/> for bash (a quote inside becomes <c>'\''</c>).</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ScriptText.Quote(text);
    }

    internal static string ScriptPath(string outDir, SchedulerDialect dialect) => Path.Combine(outDir, $"submit-{dialect.Name}.sh");

    internal static string SubmitCommand(string scriptPath, SchedulerDialect dialect) =>
        dialect.SubmitCommand + " " + ScriptText.Argument(scriptPath);

    internal static string GatherCommand(string outDir) => "perceptor report " + ScriptText.Quote(outDir);

    /// <summary>
    /// Seconds before the walltime at which a task asks train to stop: a tenth of the walltime, at most ten minutes,
    /// enough for the batch in progress, an end-of-epoch evaluation and the checkpoint.
    /// </summary>
    internal static int StopMarginSeconds(int walltimeSeconds) => Math.Min(600, walltimeSeconds / 10);

    internal static int WalltimeSeconds(string walltime)
    {
        var parts = walltime.Split(':');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture) * 60 + int.Parse(parts[1], CultureInfo.InvariantCulture)) * 60 +
            int.Parse(parts[2], CultureInfo.InvariantCulture);
    }
}
