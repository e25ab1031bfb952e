using System.Globalization;

namespace Perceptor.Experiments.Running;

/// <summary>
/// Runs the runs of an <see cref="ExperimentPlan"/> one after another, or up to <c>parallel</c> at a time, and keeps
/// <c>experiment.json</c> current. Continuing an experiment is running it again: finished runs are skipped, runs with
/// a last checkpoint resume from it, runs that never reached a checkpoint start over (their partial folder is kept
/// aside as <c>seed-N.aborted-K</c>).
/// </summary>
public sealed class ExperimentRunner
{
    private readonly IRunTrainer _trainer;
    private readonly TextWriter _log;
    private readonly int _parallel;
    private readonly int _retries;
    private readonly object _gate = new();

    /// <summary>
    /// A runner that trains with <paramref name="trainer"/> and writes progress lines to <paramref name="log"/>. A run
    /// whose trainer throws is retried up to <paramref name="retries"/> times at once, from its last checkpoint, before
    /// it counts as failed: a sporadic error (a native fault, a full disk freed meanwhile) costs one epoch at most.
    /// </summary>
    public ExperimentRunner(IRunTrainer trainer, TextWriter log, int parallel = 1, int retries = 2)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallel, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        _trainer = trainer;
        _log = TextWriter.Synchronized(log);
        _parallel = parallel;
        _retries = retries;
    }

    /// <summary>Runs or continues <paramref name="plan"/>; cancelling stops the running runs at a checkpoint and starts no more.</summary>
    public ExperimentOutcome Run(ExperimentPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        string outDir = Path.GetFullPath(plan.Spec.OutDir);
        string dataDir = Path.GetFullPath(plan.Spec.DataDir);
        if (!Directory.Exists(dataDir))
        {
            throw new DirectoryNotFoundException($"{dataDir}: corpus folder not found");
        }

        using var folderLock = ExperimentLock.Acquire(outDir);
        var manifest = ExperimentManifest.Load(outDir);
        if (manifest is null)
        {
            manifest = ExperimentManifest.Create(plan);
        }
        else
        {
            manifest.Add(plan);
            _log.WriteLine($"continuing the experiment in {outDir}");
        }

        manifest.Runner = "local";
        manifest.Save(outDir);

        var outcomes = new RunOutcome?[plan.Runs.Count];
        var pending = new Queue<int>();
        for (int i = 0; i < plan.Runs.Count; i++)
        {
            var run = plan.Runs[i];
            var entry = manifest.Find(run.Folder)!;
            var state = RunFolderState.Inspect(plan.RunPath(run));
            if (state.IsFinished)
            {
                var status = Finished(state.Progress);
                entry.Status = status;
                outcomes[i] = new RunOutcome(run, status, "skipped", Describe(state));
                _log.WriteLine($"[{run.Name}] already finished ({Describe(state)}): skipped");
            }
            else
            {
                pending.Enqueue(i);
            }
        }

        manifest.Save(outDir);
        int total = pending.Count;
        int started = 0;

        void Worker()
        {
            while (true)
            {
                int index;
                lock (_gate)
                {
                    if (cancellationToken.IsCancellationRequested || pending.Count == 0)
                    {
                        return;
                    }

                    index = pending.Dequeue();
                    started++;
                }

                outcomes[index] = Execute(plan, manifest, outDir, dataDir, plan.Runs[index], started, total, cancellationToken);
            }
        }

        var workers = Enumerable.Range(0, Math.Min(_parallel, Math.Max(1, total)))
            .Select(_ => Task.Factory.StartNew(Worker, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        Task.WaitAll(workers, CancellationToken.None);

        var result = new List<RunOutcome>(plan.Runs.Count);
        for (int i = 0; i < plan.Runs.Count; i++)
        {
            var run = plan.Runs[i];
            if (outcomes[i] is { } done)
            {
                result.Add(done);
                continue;
            }

            var entry = manifest.Find(run.Folder)!;
            var state = RunFolderState.Inspect(plan.RunPath(run));
            var status = state.Progress == RunProgress.Resumable ? RunStatus.Interrupted : RunStatus.Pending;
            lock (_gate)
            {
                entry.Status = status;
            }

            result.Add(new RunOutcome(run, status, "not reached", null));
        }

        lock (_gate)
        {
            manifest.Save(outDir);
        }

        return new ExperimentOutcome(result, cancellationToken.IsCancellationRequested);
    }

    private RunOutcome Execute(ExperimentPlan plan, ExperimentManifest manifest, string outDir, string dataDir, PlannedRun run,
        int ordinal, int total, CancellationToken cancellationToken)
    {
        string runDir = plan.RunPath(run);
        var entry = manifest.Find(run.Folder)!;
        if (LiveTrainers.Find(runDir) is { } pid)
        {
            // Starting, resuming or moving the folder aside now would put two trainers on one run folder.
            string busy = string.Create(CultureInfo.InvariantCulture,
                $"still being trained by process {pid} on this machine (left running by an experiment that was killed?); " +
                $"let it end or stop it (kill -TERM {pid}), then continue the experiment");
            lock (_gate)
            {
                entry.Status = RunStatus.Failed;
                entry.Message = busy;
                manifest.Save(outDir);
            }

            _log.WriteLine($"[{run.Name}] {busy}");
            return new RunOutcome(run, RunStatus.Failed, "not started", busy);
        }

        var before = RunFolderState.Inspect(runDir);
        string action = before.Progress == RunProgress.Resumable ? "resumed" : "started";
        // A run that starts now reads the starting weights now: they must still be the bytes the earlier runs started from.
        if (before.Progress != RunProgress.Resumable && plan.InitialWeights.Select(w => w.Changed()).FirstOrDefault(m => m is not null) is { } changed)
        {
            lock (_gate)
            {
                entry.Status = RunStatus.Failed;
                entry.Message = changed;
                manifest.Save(outDir);
            }

            _log.WriteLine($"[{run.Name}] not started: {changed}");
            return new RunOutcome(run, RunStatus.Failed, "not started", changed);
        }

        string? failure = null;
        for (int attempt = 0; ; attempt++)
        {
            if (before.Progress == RunProgress.Started)
            {
                string aside = SetAside(runDir);
                _log.WriteLine($"[{run.Name}] never reached a checkpoint; its partial folder is kept as {Path.GetFileName(aside)} and the run starts over");
            }

            bool resume = before.Progress == RunProgress.Resumable;
            lock (_gate)
            {
                entry.Status = RunStatus.Running;
                entry.Attempts++;
                entry.Started = DateTimeOffset.UtcNow;
                entry.Ended = null;
                entry.Message = null;
                manifest.Save(outDir);
            }

            _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{run.Name}] {(resume ? $"resuming after {before.EpochsLogged} logged epoch(s)" : "starting")} ({ordinal}/{total}): {string.Join(" ", run.Arm.Settings.DefaultIfEmpty("reference settings"))}"));

            failure = null;
            try
            {
                var request = new TrainRequest(dataDir, runDir, run.Name, plan.Spec.Preset,
                    plan.Spec.ConfigFile is null ? null : Path.GetFullPath(plan.Spec.ConfigFile), run.Overrides, resume,
                    Path.Combine(outDir, "logs", run.Arm.Name + "_" + PlannedRun.SeedFolder(run.Seed) + ".log"));
                _trainer.Train(request, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The state of the folder below says whether a checkpoint made it.
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failure = FirstLine(e.Message);
            }

            before = RunFolderState.Inspect(runDir);
            if (failure is null || before.IsFinished || cancellationToken.IsCancellationRequested || attempt >= _retries)
            {
                break;
            }

            _log.WriteLine($"[{run.Name}] failed ({failure}); trying again{(before.Progress == RunProgress.Resumable ? " from its last checkpoint" : "")}");
        }

        var after = RunFolderState.Inspect(runDir);
        RunStatus status;
        string? message;
        if (after.IsFinished)
        {
            status = Finished(after.Progress);
            message = after.Progress == RunProgress.Diverged
                ? "training stopped on non-finite losses; delete the run folder to train it again"
                : failure;
        }
        else if (cancellationToken.IsCancellationRequested)
        {
            status = RunStatus.Interrupted;
            message = after.Progress == RunProgress.Resumable ? "stopped by the user; resumes from its last checkpoint" : "stopped by the user before its first checkpoint";
        }
        else
        {
            status = RunStatus.Failed;
            message = failure ?? "the trainer returned without finishing the run (no run_end 'completed' in metrics.jsonl)";
        }

        lock (_gate)
        {
            entry.Status = status;
            entry.Ended = DateTimeOffset.UtcNow;
            entry.Message = message;
            manifest.Save(outDir);
        }

        _log.WriteLine($"[{run.Name}] {StatusText(status)} ({Describe(after)}){(message is null ? "" : ": " + message)}");
        return new RunOutcome(run, status, action, message);
    }

    // Native errors carry a long stack after their first line; the manifest and the summary keep the sentence.
    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).Trim();
    }

    private static string SetAside(string runDir)
    {
        for (int k = 1; ; k++)
        {
            string aside = runDir + ".aborted-" + k.ToString(CultureInfo.InvariantCulture);
            if (!Directory.Exists(aside) && !File.Exists(aside))
            {
                Directory.Move(runDir, aside);
                return aside;
            }
        }
    }

    private static RunStatus Finished(RunProgress progress) => progress switch
    {
        RunProgress.Completed => RunStatus.Completed,
        RunProgress.EarlyStopped => RunStatus.EarlyStopped,
        _ => RunStatus.Failed,
    };

    private static string Describe(RunFolderState state) =>
        string.Create(CultureInfo.InvariantCulture, $"{state.EpochsLogged} epoch(s) logged");

    private static string StatusText(RunStatus status) => status switch
    {
        RunStatus.Completed => "completed",
        RunStatus.EarlyStopped => "stopped early by the collapse watch",
        RunStatus.Interrupted => "interrupted",
        RunStatus.Failed => "FAILED",
        _ => status.ToString().ToLowerInvariant(),
    };
}
