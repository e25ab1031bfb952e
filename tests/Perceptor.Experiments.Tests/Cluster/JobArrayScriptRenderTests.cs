using Perceptor.Experiments.Cluster;

namespace Perceptor.Experiments.Tests.Cluster;

// The script text is built without the disk: a plan for folders that do not exist renders, and touches nothing.
public sealed class JobArrayScriptRenderTests
{
    private static readonly DateTimeOffset WrittenAt = new(2026, 1, 2, 3, 4, 0, TimeSpan.Zero);

    private static ExperimentPlan Plan(string outDir, long[] seeds) => ExperimentPlanner.Plan(new ExperimentSpec
    {
        DataDir = "/nonexistent/corpus",
        OutDir = outDir,
        Arms = ExperimentPlanner.ParseArms(["baseline,mask"], null, null, []),
        Seeds = seeds,
        Epochs = 2,
        Preset = "voicebank",
    });

    [Theory]
    [InlineData(Scheduler.Slurm, "submit-slurm.sh")]
    [InlineData(Scheduler.Torque, "submit-pbs.sh")]
    [InlineData(Scheduler.PbsPro, "submit-pbspro.sh")]
    public void Render_writes_nothing_and_names_the_time_it_is_given(Scheduler scheduler, string scriptName)
    {
        string outDir = Path.Combine(Path.GetTempPath(), "perceptor-render-" + Guid.NewGuid().ToString("N"));

        string text = JobArrayScriptWriter.Render(Plan(outDir, [1, 2]), new ClusterOptions { Scheduler = scheduler }, WrittenAt);

        Assert.False(Directory.Exists(outDir));
        Assert.StartsWith("#!/bin/bash\n", text);
        Assert.Contains(" at 2026-01-02 03:04 UTC.\n", text);
        Assert.Contains(Path.Combine(outDir, scriptName), text);
        Assert.Contains("  3) RUN=", text);
        Assert.DoesNotContain("  4) RUN=", text);
    }

    [Fact]
    public void Torque_and_pbs_pro_share_the_pbs_directives_and_differ_in_array_resources_and_output()
    {
        string outDir = Path.Combine(Path.GetTempPath(), "perceptor-render-" + Guid.NewGuid().ToString("N"));
        var options = new ClusterOptions { Queue = "q1", Account = "acc", Cpus = 3, MemoryGb = 5, MaxConcurrent = 2 };
        var plan = Plan(outDir, [1, 2]);

        static List<string> Directives(string text) => text.Split('\n').Where(l => l.StartsWith("#PBS ", StringComparison.Ordinal)).ToList();
        var torque = Directives(JobArrayScriptWriter.Render(plan, options with { Scheduler = Scheduler.Torque }, WrittenAt));
        var pbspro = Directives(JobArrayScriptWriter.Render(plan, options with { Scheduler = Scheduler.PbsPro }, WrittenAt));

        string[] shared = ["#PBS -N perceptor", "#PBS -l walltime=24:00:00", "#PBS -q q1", "#PBS -A acc", "#PBS -S /bin/bash", "#PBS -j oe", "#PBS -r y"];
        Assert.Equal(shared, torque.Intersect(pbspro));
        Assert.Equal(["#PBS -t 0-3%2", "#PBS -l nodes=1:ppn=3", "#PBS -l mem=5gb", $"#PBS -o {outDir}/logs/"], torque.Except(shared));
        Assert.Equal(["#PBS -J 0-3", "#PBS -W max_run_subjobs=2", "#PBS -l select=1:ncpus=3:mem=5gb", $"#PBS -o {outDir}/logs/perceptor.^array_index^.out"],
            pbspro.Except(shared));
    }
}
