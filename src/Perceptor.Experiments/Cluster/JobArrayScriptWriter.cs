using System.Globalization;
using System.Text;
using Perceptor.Experiments.Running;
using Perceptor.Audio.IO;

namespace Perceptor.Experiments.Cluster;

/// <summary>
/// Writes a job-array script for an experiment: one array task per arm × seed, each running <c>perceptor train</c>
/// for its run into its run folder (with <c>--resume</c> once the run has a checkpoint, so a requeued or resubmitted
/// task continues), plus <c>experiment.json</c> so that <c>perceptor report</c> knows the arms and hypotheses.
/// The script is bash with <c>set -euo pipefail</c>; the task → run mapping is an explicit <c>case</c> table and
/// every path is absolute, so it runs the same from any submission folder.
/// </summary>
public static class JobArrayScriptWriter
{
    /// <summary>Writes the script into the experiment folder and returns where it is and how to submit it.</summary>
    public static ClusterScript Write(ExperimentPlan plan, ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

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

        if (options.Scheduler != Scheduler.Slurm && outDir.Contains(':', StringComparison.Ordinal))
        {
            warnings.Add($"{outDir} holds a ':', which qsub reads in -o as host:path; the scheduler's output may go astray (the run logs do not)");
        }

        if (options.Scheduler == Scheduler.PbsPro && plan.Runs.Count == 1 && options.MaxConcurrent is not null)
        {
            warnings.Add("a single task is submitted as a plain job (PBS Pro arrays need two or more subjobs); the concurrency limit is dropped");
        }

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

            manifest.Runner = SchedulerName(options.Scheduler);
            manifest.Save(outDir);
        }

        Directory.CreateDirectory(Path.Combine(outDir, "logs"));
        string file = Path.Combine(outDir, $"submit-{SchedulerName(options.Scheduler)}.sh");
        string submit = (options.Scheduler == Scheduler.Slurm ? "sbatch " : "qsub ") + Argument(file);
        string gather = "perceptor report " + Quote(outDir);
        string text = Render(plan, options, outDir, dataDir, submit, gather);
        AtomicFile.WriteAllText(file, text, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return new ClusterScript(file, submit, gather, plan.Runs.Count, warnings);
    }

    /// <summary>The name used in file names and <c>--emit</c>: <c>slurm</c>, <c>pbs</c> (Torque) or <c>pbspro</c>.</summary>
    public static string SchedulerName(Scheduler scheduler) => scheduler switch
    {
        Scheduler.Slurm => "slurm",
        Scheduler.Torque => "pbs",
        Scheduler.PbsPro => "pbspro",
        _ => throw new ArgumentOutOfRangeException(nameof(scheduler)),
    };

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
        return "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static string Render(ExperimentPlan plan, ClusterOptions o, string outDir, string dataDir, string submit, string gather)
    {
        var inv = CultureInfo.InvariantCulture;
        int last = plan.Runs.Count - 1;
        var s = new StringBuilder();
        void L(string line = "") => s.Append(line).Append('\n');

        L("#!/bin/bash");
        WriteDirectives(L, o, outDir, last);
        L("#");
        L($"# Perceptor experiment: {plan.Runs.Count} training run(s) = {plan.Spec.Arms.Count} arm(s) x {plan.Spec.Seeds.Count} seed(s),");
        L($"# one array task each. Written by `perceptor experiment --emit {SchedulerName(o.Scheduler)}` at {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        L($"#   corpus      {dataDir}");
        L($"#   experiment  {outDir}");
        L("#");
        L("# Submit (from any folder; every path in this script is absolute):");
        L($"#   {submit}");
        if (o.Perceptor.Count > 0)
        {
            L("# The perceptor command: PERCEPTOR if set, else the perceptor that wrote this script where the node sees it,");
            L($"#   {string.Join(" ", o.Perceptor.Select(Argument))}");
            L("# else `perceptor` on PATH (after the site setup).");
        }
        else
        {
            L("# The perceptor command: PERCEPTOR if set, else `perceptor` on PATH (after the site setup).");
        }

        L("# To use another build, export PERCEPTOR before submitting and pass it on, e.g.");
        L($"#   PERCEPTOR=\"dotnet /opt/perceptor/perceptor.dll\" {SubmitWithEnv(o.Scheduler, submit)}");
        switch (o.Scheduler)
        {
            case Scheduler.Slurm:
                L("# Watch: squeue --me       Cancel: scancel <jobid>");
                L($"# Rerun single tasks (e.g. after a node failure): sbatch --array=3,5 {Argument(Path.Combine(outDir, "submit-slurm.sh"))}");
                break;
            case Scheduler.Torque:
                L("# This is the Torque syntax (-t, PBS_ARRAYID). For PBS Professional / OpenPBS use --emit pbspro (-J, PBS_ARRAY_INDEX).");
                L("# Watch: qstat -t -u $USER  Cancel: qdel '<jobid>[]'");
                L($"# Rerun single tasks (e.g. after a node failure): qsub -t 3,5 {Argument(Path.Combine(outDir, "submit-pbs.sh"))}");
                break;
            case Scheduler.PbsPro:
                L("# This is the PBS Professional / OpenPBS syntax (-J, PBS_ARRAY_INDEX). For Torque use --emit pbs (-t, PBS_ARRAYID).");
                L("# Watch: qstat -t -u $USER  Cancel: qdel '<jobid>[]'");
                L("# Rerun tasks (e.g. after a node failure): submit the script again; finished runs exit at once.");
                break;
        }

        L("# A requeued or resubmitted task resumes its run from the run's last checkpoint; a finished run is not retrained.");
        int margin = StopMarginSeconds(WalltimeSeconds(o.Walltime));
        L(string.Create(inv, $"# {margin} s before the walltime the task asks train to stop: it stops at its next batch and writes a checkpoint;"));
        L("# resubmit to continue. A SIGTERM from the scheduler (time limit, cancel) does the same if the batch ends within the");
        L("# scheduler's grace period, else the task loses the steps since its last checkpoint: for long epochs keep");
        L("# checkpoint.everySteps set (the voicebank preset writes one every 500 steps).");
        L("# Logs: scheduler output in logs/, and each run's own log, appended across attempts, in logs/<arm>_seed-<s>.log.");
        L("#");
        L("# Gather the results when every task has finished (on any machine that sees the experiment folder):");
        L($"#   {gather}");
        L("# It reads every run folder and writes report/report.html, report.md and the plots.");
        L("#");
        L("# task  arm / seed -> run folder (under the experiment folder)");
        for (int i = 0; i < plan.Runs.Count; i++)
        {
            L(string.Create(inv, $"# {i,4}  {plan.Runs[i].Arm.Name} / seed {plan.Runs[i].Seed}  ->  {plan.Runs[i].Folder}"));
        }

        L();
        L("set -euo pipefail");
        L();
        string indexVar = o.Scheduler switch
        {
            Scheduler.Slurm => "SLURM_ARRAY_TASK_ID",
            Scheduler.Torque => "PBS_ARRAYID",
            _ => "PBS_ARRAY_INDEX",
        };
        bool plainJob = o.Scheduler == Scheduler.PbsPro && last == 0;
        L(plainJob
            ? "TASK=\"${PBS_ARRAY_INDEX:-0}\"   # one run: submitted as a plain job"
            : $"TASK=\"${{{indexVar}:?submit this script with {(o.Scheduler == Scheduler.Slurm ? "sbatch" : "qsub")}: it is a job array}}\"");
        string threadsVar = o.Scheduler switch
        {
            Scheduler.Slurm => "SLURM_CPUS_PER_TASK",
            Scheduler.Torque => "PBS_NUM_PPN",
            _ => "NCPUS",
        };
        L(string.Create(inv, $"THREADS=\"${{{threadsVar}:-{o.Cpus}}}\""));
        L($"DATA={Quote(dataDir)}");
        L($"OUT={Quote(outDir)}");
        L();
        L("case \"$TASK\" in");
        for (int i = 0; i < plan.Runs.Count; i++)
        {
            var run = plan.Runs[i];
            var args = new StringBuilder();
            foreach (string setting in run.Overrides)
            {
                args.Append(" --set ").Append(Quote(setting));
            }

            L(string.Create(inv, $"  {i}) RUN={Quote(run.Folder)}; SETTINGS=({args.ToString().TrimStart()}) ;;"));
        }

        L(string.Create(inv, $"  *) echo \"task $TASK: no such task (this array has tasks 0-{last})\" >&2; exit 2 ;;"));
        L("esac");
        L();
        L("RUN_DIR=\"$OUT/$RUN\"");
        L("LOG=\"$OUT/logs/${RUN//\\//_}.log\"");
        L("mkdir -p \"$OUT/logs\"");
        L("say() { local line; line=\"$(date '+%Y-%m-%dT%H:%M:%S') task $TASK: $*\"; printf '%s\\n' \"$line\"; printf '%s\\n' \"$line\" >> \"$LOG\"; }");
        L("export OMP_NUM_THREADS=\"$THREADS\" MKL_NUM_THREADS=\"$THREADS\"");
        if (o.Setup.Count > 0)
        {
            // Environment-module scripts often read unset variables, which set -u would turn into a failed task.
            L("set +u  # site setup");
            foreach (string setup in o.Setup)
            {
                L(setup);
            }

            L("set -u");
        }

        WritePerceptorCommand(L, o);
        L();
        string metrics = RunFolderState.MetricsFile;
        L("# Finished (the last record is run_end completed/early_stop): nothing to do. Stopped on non-finite losses: failed, as");
        L("# it would fail again. A checkpoint: resume from it, with the run's own config.json (so no --preset/--config).");
        L("# Started but never checkpointed: keep the folder aside, start over.");
        L($"if [[ -f \"$RUN_DIR/{metrics}\" ]] && tail -n 1 \"$RUN_DIR/{metrics}\" | grep -Eq '\"reason\":\"(completed|early_stop)\"'; then");
        L("  say \"$RUN has already finished; nothing to do\"");
        L("  exit 0");
        L("fi");
        // As the local runner does: resuming from the last good checkpoint would repeat the same steps to the same NaN.
        L($"if [[ -f \"$RUN_DIR/{metrics}\" ]] && tail -n 1 \"$RUN_DIR/{metrics}\" | grep -q '\"reason\":\"nonfinite\"'; then");
        L("  say \"$RUN stopped on non-finite losses; it stays failed (delete its folder to train it again)\"");
        L("  exit 1");
        L("fi");
        var fresh = new StringBuilder();
        if (!string.IsNullOrEmpty(plan.Spec.Preset))
        {
            fresh.Append("--preset ").Append(Quote(plan.Spec.Preset));
        }

        if (!string.IsNullOrEmpty(plan.Spec.ConfigFile))
        {
            fresh.Append(fresh.Length > 0 ? " " : "").Append("--config ").Append(Quote(Path.GetFullPath(plan.Spec.ConfigFile)));
        }

        L($"if [[ -f \"$RUN_DIR/{RunFolderState.LastCheckpoint}\" ]]; then");
        L("  MODE=(--resume); WHAT=resuming");
        L("else");
        L("  if [[ -n \"$(ls -A \"$RUN_DIR\" 2>/dev/null)\" ]]; then");
        L("    ASIDE=\"$RUN_DIR.aborted-$(date +%s)\"");
        L("    mv \"$RUN_DIR\" \"$ASIDE\"");
        L("    say \"$RUN never reached a checkpoint; its partial folder is kept as $ASIDE\"");
        L("  fi");
        L($"  MODE=({fresh}); WHAT=starting");
        L("fi");
        L();
        WriteStopHandling(L, o);
        L();
        L("# train's output goes to the scheduler's log and, appended, to the run's log through a FIFO: tee is started here so");
        L("# the shell can wait for it, and ignores SIGTERM so that train's last lines (its checkpoint) still reach both logs.");
        L("WORK=\"$(mktemp -d \"${TMPDIR:-/tmp}/perceptor-task.XXXXXX\")\"");
        L("trap 'rm -rf \"$WORK\"' EXIT");
        L("mkfifo \"$WORK/output\"");
        L("(trap '' TERM INT USR1; exec tee -a \"$LOG\" < \"$WORK/output\") &");
        L("TEE_PID=$!");
        L("say \"on $HOSTNAME, $THREADS threads: $WHAT $RUN with ${PERCEPTOR_CMD[*]}\"");
        // ${A[@]+"${A[@]}"} keeps an empty array legal under set -u in bash before 4.4 (still common on clusters).
        // PBS's qsig signals every process of the job, so train must ignore the SIGUSR1 meant for this shell.
        L($"(trap '' USR1; exec \"${{PERCEPTOR_CMD[@]}}\" train {TrainCommandLine.DataOption} \"$DATA\" {TrainCommandLine.RunOption} \"$RUN_DIR\" ${{MODE[@]+\"${{MODE[@]}}\"}} \\");
        L("    \"${SETTINGS[@]}\" --set \"runtime.threads=$THREADS\") > \"$WORK/output\" 2>&1 &");
        L("TRAIN_PID=$!");
        // A `wait` that a trap interrupts just as train exits can leave bash without train's status (it reports -1):
        // so the shell polls with a foreground sleep (traps run when it ends) and waits for train only once it has ended.
        L("# Poll rather than wait on train: traps run when each sleep ends; train's exit status is collected once, below.");
        L("while kill -0 \"$TRAIN_PID\" 2>/dev/null; do");
        if (o.Scheduler != Scheduler.Slurm)
        {
            L("  if (( SECONDS >= STOP_AT )); then stop_train \"the walltime ends in $MARGIN s\"; fi");
        }

        L("  sleep 2 || true");
        L("done");
        L("STATUS=0");
        L("wait \"$TRAIN_PID\" || STATUS=$?");
        L("wait \"$TEE_PID\" || true");
        L("if (( STATUS == 0 )); then");
        L("  say \"train ended: $RUN is finished\"");
        L("elif (( STOPPING )); then");
        L("  say \"train stopped (status $STATUS); submit this task again to continue $RUN from its checkpoint\"");
        L("else");
        L("  say \"train failed (status $STATUS); its output is in $LOG\"");
        L("fi");
        L("exit \"$STATUS\"");
        return s.ToString();
    }

    private static void WritePerceptorCommand(Action<string> L, ClusterOptions o)
    {
        if (o.DotnetRoot is { } root)
        {
            L($"if [[ -z \"${{DOTNET_ROOT:-}}\" && -d {Quote(root)} ]]; then export DOTNET_ROOT={Quote(root)}; fi");
        }

        L("if [[ -n \"${PERCEPTOR:-}\" ]]; then");
        L("  read -r -a PERCEPTOR_CMD <<< \"$PERCEPTOR\"");
        var absolute = o.Perceptor.Where(Path.IsPathRooted).ToList();
        if (o.Perceptor.Count > 0)
        {
            L($"elif {string.Join(" && ", absolute.Select(p => $"[[ -f {Quote(p)} ]]").DefaultIfEmpty("true"))}; then");
            L($"  PERCEPTOR_CMD=({string.Join(" ", o.Perceptor.Select(Quote))})");
        }

        L("else");
        L("  PERCEPTOR_CMD=(perceptor)");
        L("fi");
        L("if ! command -v \"${PERCEPTOR_CMD[0]}\" > /dev/null; then");
        L("  say \"cannot run ${PERCEPTOR_CMD[0]} on $HOSTNAME: set PERCEPTOR (and pass it on to the job) or put perceptor on PATH in the site setup (--cluster-setup)\"");
        L("  exit 127");
        L("fi");
    }

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

    private static void WriteStopHandling(Action<string> L, ClusterOptions o)
    {
        var inv = CultureInfo.InvariantCulture;
        int walltime = WalltimeSeconds(o.Walltime);
        L("# Stopping. At the time limit or on cancel the scheduler sends SIGTERM to every process of the task, train included,");
        L("# and kills what is left after a grace period, or as soon as this script exits. train then stops at its next batch");
        L("# and writes a checkpoint, so this shell traps SIGTERM and keeps waiting for it, without passing it on (a second");
        L("# SIGTERM makes train end at once, without a checkpoint). SIGUSR1 (which train and tee ignore) and Ctrl+C (which");
        L("# background processes ignore) are passed on to train once, as SIGTERM.");
        switch (o.Scheduler)
        {
            case Scheduler.Slurm:
                L("# Slurm sends SIGUSR1 to this shell ahead of the time limit (#SBATCH --signal above): the grace after its SIGTERM");
                L("# (KillWait, 30 s by default) rarely covers a batch. By hand: scancel --batch --signal=USR1 <jobid>_<task>.");
                break;
            case Scheduler.Torque:
                L("# Torque gives only kill_delay (2 s by default) after its SIGTERM, so this shell stops train itself MARGIN seconds");
                L("# before the walltime (PBS_WALLTIME, else the one above). By hand: qsig -s USR1 '<jobid>[<task>]'.");
                break;
            default:
                L("# PBS Pro gives only kill_delay (10 s by default) after its SIGTERM, so this shell stops train itself MARGIN seconds");
                L("# before the walltime above (edit LIMIT if you submit with another). By hand: qsig -s USR1 '<jobid>[<task>]'.");
                break;
        }

        L("STOPPING=0");
        L("TRAIN_PID=");
        L("# shellcheck disable=SC2317  # (called from the traps)");
        L("stop_train() {");
        L("  if (( STOPPING )); then return; fi");
        L("  STOPPING=1");
        L("  say \"$1: asking train to stop at its next batch and write a checkpoint\"");
        L("  if [[ -n \"$TRAIN_PID\" ]]; then kill -TERM \"$TRAIN_PID\" 2>/dev/null || true; fi");
        L("}");
        L("trap 'STOPPING=1; say \"SIGTERM: waiting for train to write its checkpoint and end\"' TERM");
        L("trap 'stop_train SIGUSR1' USR1");
        L("trap 'stop_train SIGINT' INT");
        if (o.Scheduler != Scheduler.Slurm)
        {
            string limit = o.Scheduler == Scheduler.Torque
                ? string.Create(inv, $"LIMIT=\"${{PBS_WALLTIME:-{walltime}}}\"")
                : string.Create(inv, $"LIMIT={walltime}");
            L(limit);
            L("MARGIN=$(( LIMIT / 10 > 600 ? 600 : LIMIT / 10 ))");
            L("STOP_AT=$(( LIMIT - MARGIN ))");
        }
    }

    private static void WriteDirectives(Action<string> L, ClusterOptions o, string outDir, int last)
    {
        var inv = CultureInfo.InvariantCulture;
        string limit = o.MaxConcurrent is { } k ? "%" + k.ToString(inv) : "";
        string logs = Path.Combine(outDir, "logs");
        switch (o.Scheduler)
        {
            case Scheduler.Slurm:
                L($"#SBATCH --job-name={o.JobName}");
                L(string.Create(inv, $"#SBATCH --array=0-{last}{limit}"));
                L($"#SBATCH --time={o.Walltime}");
                L("#SBATCH --nodes=1");
                L("#SBATCH --ntasks=1");
                L(string.Create(inv, $"#SBATCH --cpus-per-task={o.Cpus}"));
                L(string.Create(inv, $"#SBATCH --mem={o.MemoryGb}G"));
                if (o.Gpus > 0)
                {
                    L(string.Create(inv, $"#SBATCH --gres=gpu:{o.Gpus}"));
                }

                if (o.Queue is not null)
                {
                    L($"#SBATCH --partition={o.Queue}");
                }

                if (o.Account is not null)
                {
                    L($"#SBATCH --account={o.Account}");
                }

                L($"#SBATCH --output={Argument(logs.Replace("%", "%%", StringComparison.Ordinal) + "/%x_%A_%a.out")}");
                // A requeued task keeps its job and array ids, so its log file name: append rather than truncate it.
                L("#SBATCH --open-mode=append");
                L("#SBATCH --requeue");
                // SIGUSR1 to the batch shell only (B:), which passes it on to train as SIGTERM; see WriteStopHandling.
                L(string.Create(inv, $"#SBATCH --signal=B:USR1@{Math.Max(1, StopMarginSeconds(WalltimeSeconds(o.Walltime)))}"));
                break;

            case Scheduler.Torque:
                L($"#PBS -N {o.JobName}");
                L(string.Create(inv, $"#PBS -t 0-{last}{limit}"));
                L($"#PBS -l walltime={o.Walltime}");
                L(string.Create(inv, $"#PBS -l nodes=1:ppn={o.Cpus}{(o.Gpus > 0 ? $":gpus={o.Gpus}" : "")}"));
                L(string.Create(inv, $"#PBS -l mem={o.MemoryGb}gb"));
                if (o.Queue is not null)
                {
                    L($"#PBS -q {o.Queue}");
                }

                if (o.Account is not null)
                {
                    L($"#PBS -A {o.Account}");
                }

                L("#PBS -S /bin/bash");
                L("#PBS -j oe");
                L($"#PBS -o {Argument(logs + "/")}");
                L("#PBS -r y");
                break;

            case Scheduler.PbsPro:
                L($"#PBS -N {o.JobName}");
                bool array = last > 0;
                if (array)
                {
                    L(string.Create(inv, $"#PBS -J 0-{last}"));
                    if (o.MaxConcurrent is { } max)
                    {
                        // max_run_subjobs needs PBS Professional 2020.1 / OpenPBS 20 or later.
                        L(string.Create(inv, $"#PBS -W max_run_subjobs={max}"));
                    }
                }

                L($"#PBS -l walltime={o.Walltime}");
                L(string.Create(inv, $"#PBS -l select=1:ncpus={o.Cpus}:mem={o.MemoryGb}gb{(o.Gpus > 0 ? $":ngpus={o.Gpus}" : "")}"));
                if (o.Queue is not null)
                {
                    L($"#PBS -q {o.Queue}");
                }

                if (o.Account is not null)
                {
                    L($"#PBS -A {o.Account}");
                }

                L("#PBS -S /bin/bash");
                L("#PBS -j oe");
                L($"#PBS -o {Argument(logs + "/" + o.JobName + (array ? ".^array_index^.out" : ".out"))}");
                // PBS Pro only accepts rerunnable array jobs.
                L("#PBS -r y");
                break;
        }
    }

    /// <summary>
    /// A path as one argument of a <c>#SBATCH</c>/<c>#PBS</c> line or of a command shown to the user. sbatch and qsub
    /// split those lines at blanks and take quotes as the shell does (sbatch also ends the line at an unquoted
    /// <c>#</c>), so a path with a blank, a quote or a <c>#</c> is single-quoted as for bash; plain paths stay bare, as
    /// admins expect to read them.
    /// </summary>
    private static string Argument(string path) =>
        System.Text.RegularExpressions.Regex.IsMatch(path, "^[A-Za-z0-9_./%^@+=,:~-]+$") ? path : Quote(path);

    // sbatch exports the submitting environment by default; qsub passes only the variables named with -v.
    private static string SubmitWithEnv(Scheduler scheduler, string submit) => scheduler == Scheduler.Slurm
        ? submit
        : submit.Replace("qsub ", "qsub -v PERCEPTOR ", StringComparison.Ordinal);
}
