using Perceptor.Experiments.Cluster;
using Perceptor.Experiments.Reporting;
using Perceptor.Experiments.Running;

namespace Perceptor.Experiments;

/// <summary>
/// The whole of <c>perceptor experiment</c> as one library call: parse the arms, plan and check every run, then
/// either write a job-array script or train the runs here (in this process, or as parallel child processes) and
/// write the comparison report.
/// </summary>
public static class ExperimentSession
{
    /// <summary>
    /// Runs <paramref name="request"/>. <paramref name="trainer"/> replaces the default trainer (in-process for one run
    /// at a time, child processes for several); progress lines go to <paramref name="log"/>.
    /// </summary>
    public static ExperimentResult Run(ExperimentRequest request, TextWriter log, IRunTrainer? trainer = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        if (request.Parallel < 1)
        {
            throw new ArgumentException($"--parallel must be at least 1, got {request.Parallel}");
        }

        if (request.InitFrom is { } from)
        {
            if (request.InitGenerator is not null || request.InitDiscriminator is not null)
            {
                throw new ArgumentException("--init-from names both networks' starting weights; give it or --init-generator/--init-discriminator, not both");
            }

            // A Perceptor checkpoint holds both networks: the run continues as it stood there, with fresh optimisers.
            string checkpoint = StartingWeights.CheckpointOfRun(from);
            request = request with { InitGenerator = checkpoint, InitDiscriminator = checkpoint };
        }

        var arms = ExperimentPlanner.ParseArms(request.Arms, request.Preset, request.ConfigFile, request.CommonSettings);
        var plan = ExperimentPlanner.Plan(new ExperimentSpec(request, arms));

        if (request.Emit is { } emit)
        {
            var options = request.Parallel > 1 && emit.MaxConcurrent is null ? emit with { MaxConcurrent = request.Parallel } : emit;
            if (options.Perceptor.Count == 0)
            {
                // The nodes run this very perceptor when they see it (a shared filesystem): README's ways of running
                // perceptor (dotnet run, the built binary) put nothing on PATH.
                var (exe, leading) = PerceptorProcess.Current();
                options = options with { Perceptor = [exe, .. leading], DotnetRoot = options.DotnetRoot ?? DotnetRoot() };
            }

            return new ExperimentResult(plan, null, JobArrayScriptWriter.Write(plan, options), null);
        }

        log.WriteLine($"experiment: {plan.Runs.Count} run(s) = {arms.Count} arm(s) [{string.Join(", ", arms.Select(a => a.Name))}] x " +
            $"{plan.Spec.Seeds.Count} seed(s), into {Path.GetFullPath(request.OutDir)}");
        foreach (var weights in plan.InitialWeights)
        {
            log.WriteLine($"every run starts from {weights}");
        }

        trainer ??= request.Parallel > 1 ? ChildTrainer(log, request.Parallel) : new InProcessTrainer(log);
        // One experiment process per output folder: a second one would race on experiment.json and the runs.
        using var outLock = Perceptor.Training.Runtime.RunLock.Acquire(request.OutDir, "perceptor experiment");
        var outcome = new ExperimentRunner(trainer, log, request.Parallel).Run(plan, cancellationToken);

        ReportOutcome? report = null;
        if (request.Report && outcome.Runs.Any(r => r.Status != RunStatus.Pending))
        {
            report = ReportRunner.Run(request.OutDir);
        }

        return new ExperimentResult(plan, outcome, null, report);
    }

    // The runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/.
    private static string? DotnetRoot()
    {
        var runtime = new DirectoryInfo(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory());
        var root = runtime.Parent?.Parent?.Parent;
        return root is not null && runtime.Parent!.Name == "Microsoft.NETCore.App" ? root.FullName : null;
    }

    private static ChildProcessTrainer ChildTrainer(TextWriter log, int parallel)
    {
        var (exe, leading) = PerceptorProcess.Current();
        return new ChildProcessTrainer(exe, leading, log, Math.Max(1, Environment.ProcessorCount / parallel));
    }
}
