namespace Perceptor.Experiments.Cluster;

/// <summary>Resources and settings of a job-array script. The defaults suit one CPU training run of a small model.</summary>
public sealed record ClusterOptions
{
    /// <summary>Which scheduler's directives to write.</summary>
    public Scheduler Scheduler { get; init; } = Scheduler.Slurm;

    /// <summary>Job name (letters, digits, <c>_ . -</c>, starting with a letter; PBS servers may cut it at 15 characters).</summary>
    public string JobName { get; init; } = "perceptor";

    /// <summary>Wall-clock limit per task, <c>HH:MM:SS</c>.</summary>
    public string Walltime { get; init; } = "24:00:00";

    /// <summary>CPU cores per task (one run).</summary>
    public int Cpus { get; init; } = 8;

    /// <summary>Memory per task in GiB.</summary>
    public int MemoryGb { get; init; } = 16;

    /// <summary>GPUs per task (0: none). Training on them also needs <c>--set runtime.device=cuda</c>.</summary>
    public int Gpus { get; init; }

    /// <summary>Slurm partition or PBS queue; null leaves the site default.</summary>
    public string? Queue { get; init; }

    /// <summary>Account / project to charge; null leaves the site default.</summary>
    public string? Account { get; init; }

    /// <summary>Most tasks running at once; null: no limit.</summary>
    public int? MaxConcurrent { get; init; }

    /// <summary>Shell lines run before training (e.g. <c>module load dotnet</c>).</summary>
    public IReadOnlyList<string> Setup { get; init; } = [];

    /// <summary>
    /// The command that runs perceptor on a node when <c>PERCEPTOR</c> is not set there, as words (an apphost path, or
    /// <c>dotnet</c> and <c>perceptor.dll</c>): normally the perceptor that writes the script, which the nodes see when
    /// it lies on a shared filesystem. Used only where every absolute path in it exists on the node; otherwise, and
    /// when empty, <c>perceptor</c> on PATH.
    /// </summary>
    public IReadOnlyList<string> Perceptor { get; init; } = [];

    /// <summary>
    /// The .NET installation the writing perceptor runs on, exported as <c>DOTNET_ROOT</c> where the node sees it and
    /// the site setup did not set one: a framework-dependent perceptor finds no runtime in a user's own install
    /// (<c>~/.dotnet</c>) without it, and qsub does not pass the submitting environment on. Null: not set.
    /// </summary>
    public string? DotnetRoot { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value a scheduler would reject.</summary>
    public void Validate()
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(JobName, "^[A-Za-z][A-Za-z0-9_.-]{0,62}$"))
        {
            throw new ArgumentException($"job name '{JobName}': use a letter then letters, digits, _ . - (at most 63)");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(Walltime, @"^\d{1,4}:[0-5]\d:[0-5]\d$"))
        {
            throw new ArgumentException($"walltime '{Walltime}': expected HH:MM:SS (hours may exceed 24)");
        }

        if (Cpus < 1 || MemoryGb < 1 || Gpus < 0 || MaxConcurrent is < 1)
        {
            throw new ArgumentException("cpus and memory must be at least 1, gpus 0 or more, the concurrency limit at least 1");
        }

        foreach (string? name in new[] { Queue, Account })
        {
            if (name is not null && !System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z0-9_.@-]+$"))
            {
                throw new ArgumentException($"queue/account '{name}': only letters, digits and _ . @ -");
            }
        }

        foreach (string line in Setup.Concat(Perceptor).Append(DotnetRoot ?? ""))
        {
            if (line.Contains('\n', StringComparison.Ordinal))
            {
                throw new ArgumentException("each setup entry, perceptor command word and the .NET root is one line");
            }
        }
    }
}
