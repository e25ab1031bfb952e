namespace Perceptor.Experiments.Cluster;

/// <summary>
/// What Torque and PBS Professional share: <c>#PBS</c> directives (name, walltime, resources, queue, account, shell,
/// joined output, rerunnable), <c>qsub</c>, which passes on only the variables named with <c>-v</c>, a short
/// <c>kill_delay</c> after SIGTERM (so the script stops train itself before the walltime), and <c>qsig</c> by hand.
/// The two differ in the array directive, the resource syntax and where the output goes.
/// </summary>
internal abstract class PbsDialect : SchedulerDialect
{
    public override string SubmitCommand => "qsub";

    public override IEnumerable<string> Directives(ClusterOptions options, string logs, int lastTask)
    {
        yield return $"#PBS -N {options.JobName}";
        foreach (string line in ArrayDirectives(options, lastTask))
        {
            yield return line;
        }

        yield return $"#PBS -l walltime={options.Walltime}";
        foreach (string line in ResourceDirectives(options))
        {
            yield return line;
        }

        if (options.Queue is not null)
        {
            yield return $"#PBS -q {options.Queue}";
        }

        if (options.Account is not null)
        {
            yield return $"#PBS -A {options.Account}";
        }

        yield return "#PBS -S /bin/bash";
        yield return "#PBS -j oe";
        yield return $"#PBS -o {ScriptText.Argument(OutputPath(options, logs, lastTask))}";
        // Requeue after a node failure; PBS Pro moreover only accepts rerunnable array jobs.
        yield return "#PBS -r y";
    }

    public override IEnumerable<string> UsageNotes(string scriptPath)
    {
        yield return SyntaxNote;
        yield return "# Watch: qstat -t -u $USER  Cancel: qdel '<jobid>[]'";
        yield return RerunNote(scriptPath);
    }

    public override IEnumerable<string> StopNotes()
    {
        yield return $"# {DisplayName} gives only kill_delay ({KillDelaySeconds} s by default) after its SIGTERM, so this shell stops train itself MARGIN seconds";
        yield return $"# {WalltimeSource}. By hand: qsig -s USR1 '<jobid>[<task>]'.";
    }

    // sbatch exports the submitting environment by default; qsub passes only the variables named with -v.
    public override string SubmitWithEnvironment(string submit) =>
        submit.Replace("qsub ", "qsub -v PERCEPTOR ", StringComparison.Ordinal);

    public override IEnumerable<string> Warnings(int tasks, ClusterOptions options, string outDir)
    {
        if (outDir.Contains(':', StringComparison.Ordinal))
        {
            yield return $"{outDir} holds a ':', which qsub reads in -o as host:path; the scheduler's output may go astray (the run logs do not)";
        }
    }

    /// <summary>The scheduler as named in comments.</summary>
    protected abstract string DisplayName { get; }

    /// <summary>The default grace between SIGTERM and SIGKILL.</summary>
    protected abstract int KillDelaySeconds { get; }

    /// <summary>Where the shell's walltime comes from, as the end of a comment sentence.</summary>
    protected abstract string WalltimeSource { get; }

    /// <summary>The comment that says which PBS syntax this is and names the other.</summary>
    protected abstract string SyntaxNote { get; }

    protected abstract string RerunNote(string scriptPath);

    protected abstract IEnumerable<string> ArrayDirectives(ClusterOptions options, int lastTask);

    protected abstract IEnumerable<string> ResourceDirectives(ClusterOptions options);

    protected abstract string OutputPath(ClusterOptions options, string logs, int lastTask);
}
