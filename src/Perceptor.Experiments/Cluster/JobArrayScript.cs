using System.Globalization;
using System.Text;
using Perceptor.Experiments.Running;

namespace Perceptor.Experiments.Cluster;

/// <summary>
/// The text of one job-array script, section by section: directives, the header that explains it, the task table,
/// the environment, the choice between finishing, resuming and starting, the stop handling, and the train call.
/// What a scheduler says differently comes from its <see cref="SchedulerDialect"/>.
/// </summary>
internal sealed class JobArrayScript(
    ExperimentPlan plan, ClusterOptions options, SchedulerDialect dialect, string outDir, string dataDir, DateTimeOffset writtenAt)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private int LastTask => plan.Runs.Count - 1;

    private int WalltimeSeconds => JobArrayScriptWriter.WalltimeSeconds(options.Walltime);

    public IEnumerable<string> Lines()
    {
        string scriptPath = JobArrayScriptWriter.ScriptPath(outDir, dialect);
        IEnumerable<string>[] sections =
        [
            ["#!/bin/bash"],
            dialect.Directives(options, Path.Combine(outDir, "logs"), LastTask),
            Header(scriptPath),
            TaskSelection(),
            Environment(),
            RunChoice(),
            StopHandling(),
            TrainAndWait(),
        ];
        // Directives and header run on into each other; every later section follows a blank line.
        for (int i = 0; i < sections.Length; i++)
        {
            if (i > 2)
            {
                yield return "";
            }

            foreach (string line in sections[i])
            {
                yield return line;
            }
        }
    }

    private IEnumerable<string> Header(string scriptPath)
    {
        string submit = JobArrayScriptWriter.SubmitCommand(scriptPath, dialect);
        yield return "#";
        yield return $"# Perceptor experiment: {plan.Runs.Count} training run(s) = {plan.Spec.Arms.Count} arm(s) x {plan.Spec.Seeds.Count} seed(s),";
        yield return $"# one array task each. Written by `perceptor experiment --emit {dialect.Name}` at {writtenAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC.";
        yield return $"#   corpus      {dataDir}";
        yield return $"#   experiment  {outDir}";
        foreach (var weights in plan.InitialWeights)
        {
            // Every run starts from these bytes (model.initGenerator/initDiscriminator in each task's settings).
            yield return $"#   start from  {weights.PartName} {weights.Path}";
            yield return $"#               sha256 {weights.Sha256}; a task that starts its run checks it first";
        }
        yield return "#";
        yield return "# Submit (from any folder; every path in this script is absolute):";
        yield return $"#   {submit}";
        if (options.Perceptor.Count > 0)
        {
            yield return "# The perceptor command: PERCEPTOR if set, else the perceptor that wrote this script where the node sees it,";
            yield return $"#   {string.Join(" ", options.Perceptor.Select(ScriptText.Argument))}";
            yield return "# else `perceptor` on PATH (after the site setup).";
        }
        else
        {
            yield return "# The perceptor command: PERCEPTOR if set, else `perceptor` on PATH (after the site setup).";
        }

        yield return "# To use another build, export PERCEPTOR before submitting and pass it on, e.g.";
        yield return $"#   PERCEPTOR=\"dotnet /opt/perceptor/perceptor.dll\" {dialect.SubmitWithEnvironment(submit)}";
        foreach (string line in dialect.UsageNotes(scriptPath))
        {
            yield return line;
        }

        yield return "# A requeued or resubmitted task resumes its run from the run's last checkpoint; a finished run is not retrained.";
        int margin = JobArrayScriptWriter.StopMarginSeconds(WalltimeSeconds);
        yield return string.Create(Inv, $"# {margin} s before the walltime the task asks train to stop: it stops at its next batch and writes a checkpoint;");
        yield return "# resubmit to continue. A SIGTERM from the scheduler (time limit, cancel) does the same if the batch ends within the";
        yield return "# scheduler's grace period, else the task loses the steps since its last checkpoint: for long epochs keep";
        yield return "# checkpoint.everySteps set (the voicebank preset writes one every 500 steps).";
        yield return "# Logs: scheduler output in logs/, and each run's own log, appended across attempts, in logs/<arm>_seed-<s>.log.";
        yield return "#";
        yield return "# Gather the results when every task has finished (on any machine that sees the experiment folder):";
        yield return $"#   {JobArrayScriptWriter.GatherCommand(outDir)}";
        yield return "# It reads every run folder and writes report/report.html, report.md and the plots.";
        yield return "#";
        yield return "# task  arm / seed -> run folder (under the experiment folder)";
        for (int i = 0; i < plan.Runs.Count; i++)
        {
            yield return string.Create(Inv, $"# {i,4}  {plan.Runs[i].Arm.Name} / seed {plan.Runs[i].Seed}  ->  {plan.Runs[i].Folder}");
        }
    }

    // The task index picks the run folder and its settings from an explicit table.
    private IEnumerable<string> TaskSelection()
    {
        yield return "set -euo pipefail";
        yield return "";
        yield return dialect.TaskLine(LastTask);
        yield return string.Create(Inv, $"THREADS=\"${{{dialect.ThreadsVariable}:-{options.Cpus}}}\"");
        yield return $"DATA={ScriptText.Quote(dataDir)}";
        yield return $"OUT={ScriptText.Quote(outDir)}";
        yield return "";
        yield return "case \"$TASK\" in";
        for (int i = 0; i < plan.Runs.Count; i++)
        {
            var run = plan.Runs[i];
            var args = new StringBuilder();
            foreach (string setting in run.Overrides)
            {
                args.Append(" --set ").Append(ScriptText.Quote(setting));
            }

            yield return string.Create(Inv, $"  {i}) RUN={ScriptText.Quote(run.Folder)}; SETTINGS=({args.ToString().TrimStart()}) ;;");
        }

        yield return string.Create(Inv, $"  *) echo \"task $TASK: no such task (this array has tasks 0-{LastTask})\" >&2; exit 2 ;;");
        yield return "esac";
    }

    private IEnumerable<string> Environment()
    {
        yield return "RUN_DIR=\"$OUT/$RUN\"";
        yield return "LOG=\"$OUT/logs/${RUN//\\//_}.log\"";
        yield return "mkdir -p \"$OUT/logs\"";
        yield return "say() { local line; line=\"$(date '+%Y-%m-%dT%H:%M:%S') task $TASK: $*\"; printf '%s\\n' \"$line\"; printf '%s\\n' \"$line\" >> \"$LOG\"; }";
        yield return "export OMP_NUM_THREADS=\"$THREADS\" MKL_NUM_THREADS=\"$THREADS\"";
        if (options.Setup.Count > 0)
        {
            // Environment-module scripts often read unset variables, which set -u would turn into a failed task.
            yield return "set +u  # site setup";
            foreach (string setup in options.Setup)
            {
                yield return setup;
            }

            yield return "set -u";
        }

        foreach (string line in PerceptorCommand())
        {
            yield return line;
        }
    }

    private IEnumerable<string> PerceptorCommand()
    {
        if (options.DotnetRoot is { } root)
        {
            yield return $"if [[ -z \"${{DOTNET_ROOT:-}}\" && -d {ScriptText.Quote(root)} ]]; then export DOTNET_ROOT={ScriptText.Quote(root)}; fi";
        }

        yield return "if [[ -n \"${PERCEPTOR:-}\" ]]; then";
        yield return "  read -r -a PERCEPTOR_CMD <<< \"$PERCEPTOR\"";
        var absolute = options.Perceptor.Where(Path.IsPathRooted).ToList();
        if (options.Perceptor.Count > 0)
        {
            yield return $"elif {string.Join(" && ", absolute.Select(p => $"[[ -f {ScriptText.Quote(p)} ]]").DefaultIfEmpty("true"))}; then";
            yield return $"  PERCEPTOR_CMD=({string.Join(" ", options.Perceptor.Select(ScriptText.Quote))})";
        }

        yield return "else";
        yield return "  PERCEPTOR_CMD=(perceptor)";
        yield return "fi";
        yield return "if ! command -v \"${PERCEPTOR_CMD[0]}\" > /dev/null; then";
        yield return "  say \"cannot run ${PERCEPTOR_CMD[0]} on $HOSTNAME: set PERCEPTOR (and pass it on to the job) or put perceptor on PATH in the site setup (--cluster-setup)\"";
        yield return "  exit 127";
        yield return "fi";
    }

    private IEnumerable<string> RunChoice()
    {
        string metrics = RunFolderState.MetricsFile;
        yield return "# Finished (the last record is run_end completed/early_stop): nothing to do. Stopped on non-finite losses: failed, as";
        yield return "# it would fail again. A checkpoint: resume from it, with the run's own config.json (so no --preset/--config).";
        yield return "# Started but never checkpointed: keep the folder aside, start over.";
        yield return $"if [[ -f \"$RUN_DIR/{metrics}\" ]] && tail -n 1 \"$RUN_DIR/{metrics}\" | grep -Eq '\"reason\":\"(completed|early_stop)\"'; then";
        yield return "  say \"$RUN has already finished; nothing to do\"";
        yield return "  exit 0";
        yield return "fi";
        // As the local runner does: resuming from the last good checkpoint would repeat the same steps to the same NaN.
        yield return $"if [[ -f \"$RUN_DIR/{metrics}\" ]] && tail -n 1 \"$RUN_DIR/{metrics}\" | grep -q '\"reason\":\"nonfinite\"'; then";
        yield return "  say \"$RUN stopped on non-finite losses; it stays failed (delete its folder to train it again)\"";
        yield return "  exit 1";
        yield return "fi";
        var fresh = new StringBuilder();
        if (!string.IsNullOrEmpty(plan.Spec.Preset))
        {
            fresh.Append("--preset ").Append(ScriptText.Quote(plan.Spec.Preset));
        }

        if (!string.IsNullOrEmpty(plan.Spec.ConfigFile))
        {
            fresh.Append(fresh.Length > 0 ? " " : "").Append("--config ").Append(ScriptText.Quote(Path.GetFullPath(plan.Spec.ConfigFile)));
        }

        yield return $"if [[ -f \"$RUN_DIR/{RunFolderState.LastCheckpoint}\" ]]; then";
        yield return "  MODE=(--resume); WHAT=resuming";
        yield return "else";
        yield return "  if [[ -n \"$(ls -A \"$RUN_DIR\" 2>/dev/null)\" ]]; then";
        yield return "    ASIDE=\"$RUN_DIR.aborted-$(date +%s)\"";
        yield return "    mv \"$RUN_DIR\" \"$ASIDE\"";
        yield return "    say \"$RUN never reached a checkpoint; its partial folder is kept as $ASIDE\"";
        yield return "  fi";
        foreach (var weights in plan.InitialWeights)
        {
            // Tasks start at any time after submission: one that found other bytes would make its arm incomparable.
            yield return $"  if command -v sha256sum > /dev/null && ! printf '%s  %s\\n' {weights.Sha256} {ScriptText.Quote(weights.Path)} | sha256sum -c --status - 2> /dev/null; then";
            yield return $"    say {ScriptText.Quote($"{weights.Path}: {StartingWeights.OptionName(weights.Part)} file is gone or changed since the experiment was planned (sha256 {weights.Sha256}); restore it")}";
            yield return "    exit 2";
            yield return "  fi";
        }

        yield return $"  MODE=({fresh}); WHAT=starting";
        yield return "fi";
    }

    private IEnumerable<string> StopHandling()
    {
        yield return "# Stopping. At the time limit or on cancel the scheduler sends SIGTERM to every process of the task, train included,";
        yield return "# and kills what is left after a grace period, or as soon as this script exits. train then stops at its next batch";
        yield return "# and writes a checkpoint, so this shell traps SIGTERM and keeps waiting for it, without passing it on (a second";
        yield return "# SIGTERM makes train end at once, without a checkpoint). SIGUSR1 (which train and tee ignore) and Ctrl+C (which";
        yield return "# background processes ignore) are passed on to train once, as SIGTERM.";
        foreach (string line in dialect.StopNotes())
        {
            yield return line;
        }

        yield return "STOPPING=0";
        yield return "TRAIN_PID=";
        yield return "# shellcheck disable=SC2317  # (called from the traps)";
        yield return "stop_train() {";
        yield return "  if (( STOPPING )); then return; fi";
        yield return "  STOPPING=1";
        yield return "  say \"$1: asking train to stop at its next batch and write a checkpoint\"";
        yield return "  if [[ -n \"$TRAIN_PID\" ]]; then kill -TERM \"$TRAIN_PID\" 2>/dev/null || true; fi";
        yield return "}";
        yield return "trap 'STOPPING=1; say \"SIGTERM: waiting for train to write its checkpoint and end\"' TERM";
        yield return "trap 'stop_train SIGUSR1' USR1";
        yield return "trap 'stop_train SIGINT' INT";
        if (dialect.WalltimeLimitLine(WalltimeSeconds) is { } limit)
        {
            yield return limit;
            yield return "MARGIN=$(( LIMIT / 10 > 600 ? 600 : LIMIT / 10 ))";
            yield return "STOP_AT=$(( LIMIT - MARGIN ))";
        }
    }

    private IEnumerable<string> TrainAndWait()
    {
        yield return "# train's output goes to the scheduler's log and, appended, to the run's log through a FIFO: tee is started here so";
        yield return "# the shell can wait for it, and ignores SIGTERM so that train's last lines (its checkpoint) still reach both logs.";
        yield return "WORK=\"$(mktemp -d \"${TMPDIR:-/tmp}/perceptor-task.XXXXXX\")\"";
        yield return "trap 'rm -rf \"$WORK\"' EXIT";
        yield return "mkfifo \"$WORK/output\"";
        yield return "(trap '' TERM INT USR1; exec tee -a \"$LOG\" < \"$WORK/output\") &";
        yield return "TEE_PID=$!";
        yield return "say \"on $HOSTNAME, $THREADS threads: $WHAT $RUN with ${PERCEPTOR_CMD[*]}\"";
        // ${A[@]+"${A[@]}"} keeps an empty array legal under set -u in bash before 4.4 (still common on clusters).
        // PBS's qsig signals every process of the job, so train must ignore the SIGUSR1 meant for this shell.
        yield return $"(trap '' USR1; exec \"${{PERCEPTOR_CMD[@]}}\" train {TrainCommandLine.DataOption} \"$DATA\" {TrainCommandLine.RunOption} \"$RUN_DIR\" ${{MODE[@]+\"${{MODE[@]}}\"}} \\";
        yield return "    \"${SETTINGS[@]}\" --set \"runtime.threads=$THREADS\") > \"$WORK/output\" 2>&1 &";
        yield return "TRAIN_PID=$!";
        // A `wait` that a trap interrupts just as train exits can leave bash without train's status (it reports -1):
        // so the shell polls with a foreground sleep (traps run when it ends) and waits for train only once it has ended.
        yield return "# Poll rather than wait on train: traps run when each sleep ends; train's exit status is collected once, below.";
        yield return "while kill -0 \"$TRAIN_PID\" 2>/dev/null; do";
        if (dialect.StopsItself)
        {
            yield return "  if (( SECONDS >= STOP_AT )); then stop_train \"the walltime ends in $MARGIN s\"; fi";
        }

        yield return "  sleep 2 || true";
        yield return "done";
        yield return "STATUS=0";
        yield return "wait \"$TRAIN_PID\" || STATUS=$?";
        yield return "wait \"$TEE_PID\" || true";
        yield return "if (( STATUS == 0 )); then";
        yield return "  say \"train ended: $RUN is finished\"";
        yield return "elif (( STOPPING )); then";
        yield return "  say \"train stopped (status $STATUS); submit this task again to continue $RUN from its checkpoint\"";
        yield return "else";
        yield return "  say \"train failed (status $STATUS); its output is in $LOG\"";
        yield return "fi";
        yield return "exit \"$STATUS\"";
    }
}
