using System.Diagnostics;
using Perceptor.Experiments.Cluster;

namespace Perceptor.Experiments.Tests.Cluster;

// The scripts are bash; the tests run them.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class JobArrayScriptWriterTests : IDisposable
{
    private readonly string _root = FakeRuns.TempDir("cluster");
    private readonly string _out;
    private readonly string _data;

    public JobArrayScriptWriterTests()
    {
        _out = Path.Combine(_root, "exp");
        _data = Path.Combine(_root, "data");
        Directory.CreateDirectory(_data);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private ExperimentPlan Plan(string arms = "baseline,mask,gan-weight=0.2", long[]? seeds = null) => ExperimentPlanner.Plan(new ExperimentSpec
    {
        DataDir = _data,
        OutDir = _out,
        Arms = ExperimentPlanner.ParseArms([arms], null, null, []),
        Seeds = seeds ?? [1, 2],
        Epochs = 10,
        Preset = "voicebank",
    });

    [Theory]
    [InlineData(Scheduler.Slurm, "#SBATCH --array=0-5%2", "SLURM_ARRAY_TASK_ID", "submit-slurm.sh", "sbatch ")]
    [InlineData(Scheduler.Torque, "#PBS -t 0-5%2", "PBS_ARRAYID", "submit-pbs.sh", "qsub ")]
    [InlineData(Scheduler.PbsPro, "#PBS -J 0-5", "PBS_ARRAY_INDEX", "submit-pbspro.sh", "qsub ")]
    public void The_script_has_one_task_per_arm_and_seed_and_passes_bash_syntax_check(Scheduler scheduler, string arrayLine,
        string indexVariable, string fileName, string submit)
    {
        var script = JobArrayScriptWriter.Write(Plan(), new ClusterOptions { Scheduler = scheduler, MaxConcurrent = 2, Queue = "short", Account = "speech" });
        string text = File.ReadAllText(script.Path);

        Assert.Equal(Path.Combine(_out, fileName), script.Path);
        Assert.Equal(6, script.Tasks);
        Assert.StartsWith(submit, script.SubmitCommand);
        Assert.StartsWith("#!/bin/bash\n", text);
        Assert.Contains(arrayLine + "\n", text);
        Assert.Contains(indexVariable, text);
        Assert.Contains("set -euo pipefail", text);
        Assert.Contains("perceptor report '" + _out + "'", text);
        // Directives come before the first command, or the scheduler ignores them.
        var lines = text.Split('\n');
        int firstCommand = Array.FindIndex(lines, l => l.Length > 0 && !l.StartsWith('#'));
        Assert.True(Array.FindLastIndex(lines, l => l.StartsWith("#SBATCH", StringComparison.Ordinal) || l.StartsWith("#PBS", StringComparison.Ordinal)) < firstCommand);
        Assert.Equal(0, Bash(["-n", script.Path], new Dictionary<string, string>()).ExitCode);
        Assert.True(Directory.Exists(Path.Combine(_out, "logs")), "the scheduler writes its output files there before the script runs");
        Assert.Equal(JobArrayScriptWriter.SchedulerName(scheduler), ExperimentManifest.Load(_out)!.Runner);
    }

    [Fact]
    public void Scheduler_directives_carry_the_resources()
    {
        var options = new ClusterOptions { Cpus = 4, MemoryGb = 12, Walltime = "36:00:00", Gpus = 1, Queue = "gpu", Account = "lab", Setup = ["module load dotnet"] };
        string slurm = File.ReadAllText(JobArrayScriptWriter.Write(Plan(), options).Path);
        Assert.Contains("set +u  # site setup\nmodule load dotnet\nset -u\n", slurm);
        Assert.Contains("#SBATCH --cpus-per-task=4\n", slurm);
        Assert.Contains("#SBATCH --mem=12G\n", slurm);
        Assert.Contains("#SBATCH --time=36:00:00\n", slurm);
        Assert.Contains("#SBATCH --gres=gpu:1\n", slurm);
        Assert.Contains("#SBATCH --partition=gpu\n", slurm);
        Assert.Contains("#SBATCH --account=lab\n", slurm);
        Assert.Contains("#SBATCH --requeue\n", slurm);
        Assert.Contains("#SBATCH --array=0-5\n", slurm);

        string torque = File.ReadAllText(JobArrayScriptWriter.Write(Plan(), options with { Scheduler = Scheduler.Torque }).Path);
        Assert.Contains("#PBS -l nodes=1:ppn=4:gpus=1\n", torque);
        Assert.Contains("#PBS -l mem=12gb\n", torque);
        Assert.Contains("#PBS -l walltime=36:00:00\n", torque);
        Assert.Contains("#PBS -S /bin/bash\n", torque);
        Assert.Contains("#PBS -q gpu\n", torque);

        string pbspro = File.ReadAllText(JobArrayScriptWriter.Write(Plan(), options with { Scheduler = Scheduler.PbsPro }).Path);
        Assert.Contains("#PBS -l select=1:ncpus=4:mem=12gb:ngpus=1\n", pbspro);
        Assert.Contains("#PBS -r y\n", pbspro);
        Assert.Contains("^array_index^", pbspro);
    }

    [Fact]
    public void A_single_run_is_a_plain_job_for_pbs_pro_which_refuses_one_element_arrays()
    {
        var plan = Plan("baseline", [1]);
        string text = File.ReadAllText(JobArrayScriptWriter.Write(plan, new ClusterOptions { Scheduler = Scheduler.PbsPro }).Path);
        Assert.DoesNotContain("#PBS -J", text);
        Assert.Contains("TASK=\"${PBS_ARRAY_INDEX:-0}\"", text);
        string slurm = File.ReadAllText(JobArrayScriptWriter.Write(plan, new ClusterOptions()).Path);
        Assert.Contains("#SBATCH --array=0-0\n", slurm);
    }

    [Theory]
    [InlineData(Scheduler.Slurm, "SLURM_ARRAY_TASK_ID", "SLURM_CPUS_PER_TASK")]
    [InlineData(Scheduler.Torque, "PBS_ARRAYID", "PBS_NUM_PPN")]
    [InlineData(Scheduler.PbsPro, "PBS_ARRAY_INDEX", "NCPUS")]
    public void Each_task_trains_its_own_run_starts_fresh_then_resumes_then_has_nothing_to_do(Scheduler scheduler, string indexVariable, string cpuVariable)
    {
        var plan = Plan();
        var script = JobArrayScriptWriter.Write(plan, new ClusterOptions { Scheduler = scheduler });
        string calls = Path.Combine(_root, "calls.txt");
        string stub = Path.Combine(_root, "perceptor-stub");
        File.WriteAllText(stub, $"#!/bin/bash\nprintf '%s\\n' \"$@\" > '{calls}'\necho trained\n");
        File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var env = new Dictionary<string, string> { [indexVariable] = "4", [cpuVariable] = "3", ["PERCEPTOR"] = stub };

        // Task 4 = mask, seed 2 (arms baseline, mask, gan-weight=0.2 for seed 1, then for seed 2).
        var first = Bash([script.Path], env);
        Assert.Equal(0, first.ExitCode);
        string runDir = Path.Combine(_out, "mask", "seed-2");
        Assert.Equal(["train", "--data", _data, "--run", runDir, "--preset", "voicebank",
            "--set", "pesq.failures=mask", "--set", "train.epochs=10", "--set", "train.seed=2", "--set", "runtime.threads=3"],
            File.ReadAllLines(calls));
        Assert.Contains("trained", File.ReadAllText(Path.Combine(_out, "logs", "mask_seed-2.log")));

        // Requeued after a checkpoint: resume with the run's own config (no preset).
        FakeRuns.Write(runDir, 2, [new FakeRuns.Epoch(2.0)], end: "interrupted", checkpoint: true);
        Assert.Equal(0, Bash([script.Path], env).ExitCode);
        var resumed = File.ReadAllLines(calls);
        Assert.Contains("--resume", resumed);
        Assert.DoesNotContain("--preset", resumed);

        // Finished: the task exits without training.
        File.Delete(calls);
        FakeRuns.Write(runDir, 2, [new FakeRuns.Epoch(2.1)], end: "completed", checkpoint: true, firstEpoch: 2);
        var done = Bash([script.Path], env);
        Assert.Equal(0, done.ExitCode);
        Assert.False(File.Exists(calls));
        Assert.Contains("already finished", done.Output);
    }

    [Fact]
    public void A_task_that_never_reached_a_checkpoint_moves_its_partial_folder_aside_and_starts_over()
    {
        var script = JobArrayScriptWriter.Write(Plan(), new ClusterOptions());
        string runDir = Path.Combine(_out, "baseline", "seed-1");
        FakeRuns.Write(runDir, 1, [new FakeRuns.Epoch(2.0)], end: null, checkpoint: false);
        string stub = Path.Combine(_root, "stub");
        File.WriteAllText(stub, "#!/bin/bash\nexit 0\n");
        File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var result = Bash([script.Path], new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "0", ["PERCEPTOR"] = stub });
        Assert.Equal(0, result.ExitCode);
        Assert.False(Directory.Exists(runDir));
        Assert.Single(Directory.GetDirectories(Path.Combine(_out, "baseline"), "seed-1.aborted-*"));
    }

    [Fact]
    public void A_run_that_stopped_on_non_finite_losses_is_not_trained_again_as_the_local_runner_does()
    {
        var script = JobArrayScriptWriter.Write(Plan(), new ClusterOptions());
        string runDir = Path.Combine(_out, "baseline", "seed-1");
        FakeRuns.Write(runDir, 1, [new FakeRuns.Epoch(2.0)], end: "nonfinite", checkpoint: true);
        string calls = Path.Combine(_root, "calls.txt");
        string stub = Path.Combine(_root, "stub-nan");
        File.WriteAllText(stub, $"#!/bin/bash\ntouch '{calls}'\n");
        File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var task = Bash([script.Path], new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "0", ["PERCEPTOR"] = stub });

        Assert.Equal(1, task.ExitCode);
        Assert.False(File.Exists(calls), "the diverged run was resumed");
        Assert.Contains("non-finite", task.Output);
        // The local runner skips it too.
        Assert.Equal("skipped", new Perceptor.Experiments.Running.ExperimentRunner(new NoTrainer(), TextWriter.Null)
            .Run(Plan("baseline", [1])).Runs.Single().Action);
    }

    private sealed class NoTrainer : Perceptor.Experiments.Running.IRunTrainer
    {
        public void Train(Perceptor.Experiments.Running.TrainRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("nothing should train");
    }

    [Fact]
    public void A_task_index_outside_the_array_fails_and_a_failing_trainer_fails_the_task()
    {
        var script = JobArrayScriptWriter.Write(Plan(), new ClusterOptions());
        string stub = Path.Combine(_root, "failing");
        File.WriteAllText(stub, "#!/bin/bash\necho boom >&2\nexit 3\n");
        File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var outside = Bash([script.Path], new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "6", ["PERCEPTOR"] = stub });
        Assert.Equal(2, outside.ExitCode);
        Assert.Contains("no such task", outside.Output);

        var failing = Bash([script.Path], new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "1", ["PERCEPTOR"] = stub });
        Assert.Equal(3, failing.ExitCode);
        var missing = Bash([script.Path], new Dictionary<string, string>());
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("submit this script with sbatch", missing.Output);
    }

    [Fact]
    public void Odd_characters_in_paths_and_settings_are_quoted_for_bash()
    {
        Assert.Equal("'it'\\''s'", JobArrayScriptWriter.Quote("it's"));
        string data = Path.Combine(_root, "my data's");
        Directory.CreateDirectory(data);
        var plan = ExperimentPlanner.Plan(new ExperimentSpec
        {
            DataDir = data,
            OutDir = _out,
            Arms = ExperimentPlanner.ParseArms(["baseline"], null, null, []),
            Seeds = [1],
        });
        var script = JobArrayScriptWriter.Write(plan, new ClusterOptions());
        string calls = Path.Combine(_root, "calls.txt");
        string stub = Path.Combine(_root, "stub2");
        File.WriteAllText(stub, $"#!/bin/bash\nprintf '%s\\n' \"$@\" > '{calls}'\n");
        File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.Equal(0, Bash([script.Path], new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "0", ["PERCEPTOR"] = stub }).ExitCode);
        Assert.Equal(data, File.ReadAllLines(calls)[2]);
    }

    [Theory]
    [InlineData(Scheduler.Slurm, "#SBATCH --output=", "/%x_%A_%a.out")]
    [InlineData(Scheduler.Torque, "#PBS -o ", "/")]
    [InlineData(Scheduler.PbsPro, "#PBS -o ", "/perceptor.^array_index^.out")]
    public void An_experiment_folder_with_blanks_and_quotes_is_one_argument_of_the_directives_and_the_submit_command(Scheduler scheduler,
        string directive, string fileName)
    {
        // sbatch and qsub split #SBATCH/#PBS lines at blanks and honour shell quotes; bash splits the same way.
        string outDir = Path.Combine(_root, "my exp's #1");
        var plan = ExperimentPlanner.Plan(new ExperimentSpec
        {
            DataDir = _data,
            OutDir = outDir,
            Arms = ExperimentPlanner.ParseArms(["baseline,mask"], null, null, []),
            Seeds = [1],
        });
        var script = JobArrayScriptWriter.Write(plan, new ClusterOptions { Scheduler = scheduler });
        string line = File.ReadAllLines(script.Path).Single(l => l.StartsWith(directive, StringComparison.Ordinal));

        Assert.Equal([Path.Combine(outDir, "logs") + fileName], Words(line[directive.Length..]));
        Assert.Equal([scheduler == Scheduler.Slurm ? "sbatch" : "qsub", script.Path], Words(script.SubmitCommand));
        Assert.Equal(0, Bash(["-n", script.Path], new Dictionary<string, string>()).ExitCode);
    }

    /// <summary>The words bash makes of <paramref name="text"/> (no expansion happens for single-quoted text).</summary>
    private static string[] Words(string text)
    {
        var result = Bash(["-c", "eval \"set -- $1\"; printf '%s\\n' \"$@\"", "words", text], new Dictionary<string, string>());
        Assert.Equal(0, result.ExitCode);
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void Without_PERCEPTOR_a_task_runs_the_perceptor_that_wrote_the_script_where_the_node_sees_it()
    {
        // The README runs perceptor with dotnet run or from the build folder: nothing puts it on PATH.
        string calls = Path.Combine(_root, "calls.txt");
        string writer = Path.Combine(_root, "bin dir", "perceptor");
        Directory.CreateDirectory(Path.GetDirectoryName(writer)!);
        File.WriteAllText(writer, $"#!/bin/bash\nprintf '%s\\n' \"$@\" > '{calls}'\n");
        File.SetUnixFileMode(writer, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var env = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "0", ["PATH"] = "/usr/bin:/bin" };

        var script = JobArrayScriptWriter.Write(Plan(), new ClusterOptions { Perceptor = [writer] });
        var task = Bash([script.Path], env);
        Assert.Equal(0, task.ExitCode);
        Assert.Equal("train", File.ReadAllLines(calls)[0]);

        // A node that does not see it, with no perceptor on PATH either, fails at once and says what to do.
        File.Delete(writer);
        var missing = Bash([script.Path], env);
        Assert.Equal(127, missing.ExitCode);
        Assert.Contains("set PERCEPTOR", missing.Output);
    }

    [Fact]
    public void An_emitted_script_names_the_perceptor_that_wrote_it()
    {
        var result = ExperimentSession.Run(new ExperimentRequest
        {
            DataDir = _data,
            OutDir = _out,
            Arms = ["baseline,mask"],
            Emit = new ClusterOptions { Scheduler = Scheduler.Torque },
        }, TextWriter.Null);

        var (executable, _) = Perceptor.Experiments.Running.PerceptorProcess.Current();
        Assert.Contains($"PERCEPTOR_CMD=({JobArrayScriptWriter.Quote(executable)}", File.ReadAllText(result.Script!.Path));
    }

    [Fact]
    public void Bad_resources_are_refused()
    {
        Assert.Throws<ArgumentException>(() => JobArrayScriptWriter.Write(Plan(), new ClusterOptions { Walltime = "1 day" }));
        Assert.Throws<ArgumentException>(() => JobArrayScriptWriter.Write(Plan(), new ClusterOptions { JobName = "9lives" }));
        Assert.Throws<ArgumentException>(() => JobArrayScriptWriter.Write(Plan(), new ClusterOptions { Queue = "a b" }));
        Assert.Throws<ArgumentException>(() => JobArrayScriptWriter.ParseScheduler("lsf"));
        Assert.Equal(Scheduler.Torque, JobArrayScriptWriter.ParseScheduler("pbs"));
    }

    private static (int ExitCode, string Output) Bash(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (string name in new[] { "SLURM_ARRAY_TASK_ID", "PBS_ARRAYID", "PBS_ARRAY_INDEX", "SLURM_CPUS_PER_TASK", "PBS_NUM_PPN", "NCPUS", "PERCEPTOR" })
        {
            info.Environment.Remove(name);
        }

        foreach (var (k, v) in env)
        {
            info.Environment[k] = v;
        }

        using var p = Process.Start(info)!;
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr);
    }
}
