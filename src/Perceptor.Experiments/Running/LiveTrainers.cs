using System.Globalization;

namespace Perceptor.Experiments.Running;

/// <summary>
/// Finds a <c>perceptor train</c> process on this machine that is still writing a run folder. Child trainers run in
/// sessions of their own, so an experiment killed outright (SIGKILL of its process group, a dropped terminal, the
/// out-of-memory killer) can leave them training; continuing it must not start, resume or move aside a run that one
/// of them still writes. Linux only (it reads <c>/proc</c>); elsewhere nothing is found.
/// </summary>
internal static class LiveTrainers
{
    /// <summary>The id of a live process whose command line is <c>... train ... --run RUN_DIR ...</c>, or null.</summary>
    public static int? Find(string runDir)
    {
        ArgumentNullException.ThrowIfNull(runDir);
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc"))
        {
            return null;
        }

        string wanted = Path.TrimEndingDirectorySeparator(Path.GetFullPath(runDir));
        int self = Environment.ProcessId;
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid == self)
            {
                continue;
            }

            string[] args;
            try
            {
                args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // ended meanwhile, or not ours to read
            }

            if (Trains(args, wanted, dir))
            {
                return pid;
            }
        }

        return null;
    }

    private static bool Trains(string[] args, string runDir, string procDir)
    {
        int train = Array.IndexOf(args, "train");
        if (train < 0)
        {
            return false;
        }

        for (int i = train + 1; i + 1 < args.Length; i++)
        {
            if (args[i] != TrainCommandLine.RunOption || args[i + 1].Length == 0)
            {
                continue;
            }

            // A relative --run (someone's own `perceptor train`) is relative to that process's working folder.
            string? cwd = Path.IsPathRooted(args[i + 1]) ? "/" : CurrentFolder(procDir);
            if (cwd is not null && Path.TrimEndingDirectorySeparator(Path.GetFullPath(args[i + 1], cwd)) == runDir)
            {
                return true;
            }
        }

        return false;
    }

    private static string? CurrentFolder(string procDir)
    {
        try
        {
            return new DirectoryInfo(Path.Combine(procDir, "cwd")).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
