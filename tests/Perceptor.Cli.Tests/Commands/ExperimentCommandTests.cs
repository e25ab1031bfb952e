using Perceptor.Cli;

namespace Perceptor.Cli.Tests.Commands;

public sealed class ExperimentCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "perceptor-cli-exp-" + Guid.NewGuid().ToString("N"));

    public ExperimentCommandTests() => Directory.CreateDirectory(Path.Combine(_root, "data"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Experiment_report_and_demo_explain_every_option()
    {
        var root = Program.BuildRoot();
        foreach (string name in new[] { "experiment", "report", "demo" })
        {
            var command = root.Subcommands.Single(c => c.Name == name);
            Assert.DoesNotContain("not available", command.Description);
            Assert.All(command.Options.Where(o => !o.Name.StartsWith("--help", StringComparison.Ordinal) && o.Name != "-h" && o.Name != "-?"),
                o => Assert.False(string.IsNullOrWhiteSpace(o.Description), $"{name} {o.Name} has no description"));
        }
    }

    [Fact]
    public void Data_out_and_arms_are_required_and_emit_accepts_only_known_schedulers()
    {
        var root = Program.BuildRoot();
        Assert.NotEmpty(root.Parse(["experiment", "--data", "d", "--out", "o"]).Errors);
        Assert.NotEmpty(root.Parse(["experiment", "--data", "d", "--out", "o", "--arms", "mask", "--emit", "lsf"]).Errors);
        Assert.Empty(root.Parse(["experiment", "--data", "d", "--out", "o", "--arms", "mask,gan-weight=0.2", "--seeds", "1,2", "--emit", "pbs"]).Errors);
    }

    [Fact]
    public void Emit_writes_the_job_array_script_and_trains_nothing()
    {
        string output = Path.Combine(_root, "exp");
        int code = Program.BuildRoot().Parse(["experiment", "--data", Path.Combine(_root, "data"), "--out", output,
            "--arms", "baseline,mask", "--seeds", "1,2,3", "--emit", "pbs", "--parallel", "2", "--cluster-cpus", "4"]).Invoke();

        Assert.Equal(0, code);
        string script = File.ReadAllText(Path.Combine(output, "submit-pbs.sh"));
        Assert.Contains("#PBS -t 0-5%2\n", script);
        Assert.Contains("#PBS -l nodes=1:ppn=4\n", script);
        Assert.False(Directory.Exists(Path.Combine(output, "baseline")));
    }

    [Fact]
    public void Emit_prints_what_to_submit_on_the_output_writer_and_a_bad_seed_on_the_error_writer()
    {
        string output = Path.Combine(_root, "exp");
        var (code, stdout, stderr) = CapturedRun.Of("experiment", "--data", Path.Combine(_root, "data"), "--out", output,
            "--arms", "baseline,mask", "--seeds", "1,2", "--emit", "slurm");

        Assert.Equal(0, code);
        Assert.Contains($"wrote {Path.Combine(output, "submit-slurm.sh")}: 4 array task(s)", stdout, StringComparison.Ordinal);
        Assert.Contains("submit:  sbatch ", stdout, StringComparison.Ordinal);
        Assert.Contains("gather:  ", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("perceptor experiment:", stderr, StringComparison.Ordinal);

        var (bad, badOut, badErr) = CapturedRun.Of("experiment", "--data", Path.Combine(_root, "data"), "--out", output,
            "--arms", "mask", "--seeds", "one");
        Assert.Equal(2, bad);
        Assert.Equal("", badOut);
        Assert.Equal("perceptor experiment: --seeds: 'one' is not a whole number (e.g. --seeds 1,2,3)", badErr.TrimEnd());
    }

    [Fact]
    public void Bad_arms_or_seeds_fail_with_exit_code_2()
    {
        var root = Program.BuildRoot();
        Assert.Equal(2, root.Parse(["experiment", "--data", Path.Combine(_root, "data"), "--out", Path.Combine(_root, "x"), "--arms", "warp-drive"]).Invoke());
        Assert.Equal(2, root.Parse(["experiment", "--data", Path.Combine(_root, "data"), "--out", Path.Combine(_root, "x"), "--arms", "mask", "--seeds", "one"]).Invoke());
        Assert.Equal(2, root.Parse(["report", Path.Combine(_root, "missing")]).Invoke());
    }
}
