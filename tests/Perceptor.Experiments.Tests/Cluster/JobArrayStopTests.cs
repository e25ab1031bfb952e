using System.Diagnostics;
using Perceptor.Experiments.Cluster;

namespace Perceptor.Experiments.Tests.Cluster;

/// <summary>
/// How an array task stops: the scripts run under bash as a scheduler would start them (a session of their own), with a
/// stand-in for <c>perceptor train</c> that, like the real one, finishes its batch and writes a checkpoint on SIGTERM,
/// and would end at once on a second one (the stub records every SIGTERM it gets).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class JobArrayStopTests : IDisposable
{
    private readonly string _root = FakeRuns.TempDir("cluster-stop");
    private readonly string _out;
    private readonly string _data;
    private readonly string _stub;
    private readonly string _ready;
    private readonly string _terms;

    public JobArrayStopTests()
    {
        _out = Path.Combine(_root, "exp");
        _data = Path.Combine(_root, "data");
        Directory.CreateDirectory(_data);
        _ready = Path.Combine(_root, "ready");
        _terms = Path.Combine(_root, "terms");
        _stub = Path.Combine(_root, "train-stub");
        File.WriteAllText(_stub,
            "#!/bin/bash\n" +
            "n=0\n" +
            $"trap 'echo TERM >> \"{_terms}\"; n=$((n+1))' TERM\n" +
            $"echo 'train: started'; touch \"{_ready}\"\n" +
            "i=0\n" +
            "while (( i++ < 300 )); do\n" +
            "  if (( n > 0 )); then sleep 1; echo 'train: checkpoint written'; exit 130; fi\n" +
            "  sleep 0.1\n" +
            "done\n" +
            "echo 'train: finished'\n");
        File.SetUnixFileMode(_stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Script(Scheduler scheduler, string walltime = "24:00:00") => JobArrayScriptWriter.Write(
        ExperimentPlanner.Plan(new ExperimentSpec
        {
            DataDir = _data,
            OutDir = _out,
            Arms = ExperimentPlanner.ParseArms(["baseline,mask"], null, null, []),
            Seeds = [1],
            Epochs = 10,
            Preset = "voicebank",
        }),
        new ClusterOptions { Scheduler = scheduler, Walltime = walltime }).Path;

    private static string IndexVariable(Scheduler scheduler) => scheduler switch
    {
        Scheduler.Slurm => "SLURM_ARRAY_TASK_ID",
        Scheduler.Torque => "PBS_ARRAYID",
        _ => "PBS_ARRAY_INDEX",
    };

    [Theory]
    [InlineData(Scheduler.Slurm)]
    [InlineData(Scheduler.Torque)]
    [InlineData(Scheduler.PbsPro)]
    public async Task At_the_time_limit_the_task_waits_for_train_to_write_its_checkpoint(Scheduler scheduler)
    {
        // The scheduler signals every process of the task; the task script must outlive train, or the scheduler kills
        // train as soon as the script has gone, and must not add a second SIGTERM of its own.
        var task = await RunTask(Script(scheduler), new() { [IndexVariable(scheduler)] = "1" }, "TERM", wholeGroup: true);

        Assert.Equal(130, task.ExitCode);
        Assert.Single(File.ReadAllLines(_terms));
        Assert.Contains("train: checkpoint written", File.ReadAllText(Path.Combine(_out, "logs", "mask_seed-1.log")));
        Assert.Contains("train: checkpoint written", task.Output);
        Assert.Contains("submit this task again", task.Output);
    }

    [Theory]
    [InlineData(Scheduler.Slurm, false)]
    [InlineData(Scheduler.Torque, true)]
    [InlineData(Scheduler.PbsPro, true)]
    public async Task Sigusr1_stops_train_once_whether_it_reaches_the_shell_alone_or_every_process(Scheduler scheduler, bool wholeGroup)
    {
        // Slurm's --signal=B:USR1 reaches the batch shell alone; PBS's qsig signals every process of the job.
        string script = Script(scheduler);
        if (scheduler == Scheduler.Slurm)
        {
            Assert.Matches(@"\n#SBATCH --signal=B:USR1@600\n", File.ReadAllText(script));
        }

        var task = await RunTask(script, new() { [IndexVariable(scheduler)] = "0" }, "USR1", wholeGroup);

        Assert.Equal(130, task.ExitCode);
        Assert.Single(File.ReadAllLines(_terms));
        Assert.Contains("SIGUSR1: asking train to stop", task.Output);
        Assert.Contains("train: checkpoint written", File.ReadAllText(Path.Combine(_out, "logs", "baseline_seed-1.log")));
    }

    [Theory]
    [InlineData(Scheduler.Torque, "24:00:00", "2")]
    [InlineData(Scheduler.PbsPro, "00:00:02", null)]
    public async Task Pbs_tasks_stop_train_before_the_walltime_since_the_grace_after_sigterm_is_seconds(Scheduler scheduler,
        string walltime, string? pbsWalltime)
    {
        var env = new Dictionary<string, string> { [IndexVariable(scheduler)] = "0" };
        if (pbsWalltime is not null)
        {
            env["PBS_WALLTIME"] = pbsWalltime; // Torque's walltime in seconds, which wins over the one written in the script
        }

        var task = await RunTask(Script(scheduler, walltime), env, signal: null, wholeGroup: false);

        Assert.Equal(130, task.ExitCode);
        Assert.Single(File.ReadAllLines(_terms));
        Assert.Contains("the walltime ends in", task.Output);
        Assert.Contains("train: checkpoint written", task.Output);
    }

    [Fact]
    public async Task The_task_ends_with_trains_status_when_train_ends_the_moment_the_schedulers_sigterm_arrives()
    {
        // A train that exits at once on SIGTERM races the shell's trap; bash's `wait` interrupted by that trap lost the
        // child's status (reported -1, so the task ended 255) about one time in ten. Thirty tries.
        File.WriteAllText(_stub,
            "#!/bin/bash\n" +
            $"trap 'echo TERM >> \"{_terms}\"; exit 130' TERM\n" +
            $"touch \"{_ready}\"\n" +
            "while :; do sleep 0.1; done\n");
        string script = Script(Scheduler.Torque);
        var statuses = new List<int>();
        for (int i = 0; i < 30; i++)
        {
            File.Delete(_ready);
            var task = await RunTask(script, new() { ["PBS_ARRAYID"] = "0" }, "TERM", wholeGroup: true);
            statuses.Add(task.ExitCode);
        }

        Assert.All(statuses, s => Assert.Equal(130, s));
    }

    /// <summary>Runs the script in a session of its own, sends <paramref name="signal"/> once train has started, and waits.</summary>
    private async Task<(int ExitCode, string Output)> RunTask(string script, Dictionary<string, string> env, string? signal, bool wholeGroup)
    {
        // setsid execs bash in place (a child of this process is no group leader), so its pid is the session's.
        var info = new ProcessStartInfo("setsid", ["bash", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string name in new[] { "SLURM_ARRAY_TASK_ID", "PBS_ARRAYID", "PBS_ARRAY_INDEX", "SLURM_CPUS_PER_TASK", "PBS_NUM_PPN", "NCPUS", "PBS_WALLTIME" })
        {
            info.Environment.Remove(name);
        }

        info.Environment["PERCEPTOR"] = _stub;
        foreach (var (k, v) in env)
        {
            info.Environment[k] = v;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (!File.Exists(_ready) && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50);
        }

        Assert.True(File.Exists(_ready), "train never started");
        if (signal is not null)
        {
            Kill(signal, wholeGroup ? -process.Id : process.Id);
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(25));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            Kill("KILL", -process.Id);
            Assert.Fail("the task did not end: train was never asked to stop");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static void Kill(string signal, int target)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, "--", target.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        })!;
        kill.WaitForExit();
    }
}
