using System.Runtime.InteropServices;

namespace Perceptor.Training.Runtime;

/// <summary>
/// Process-wide settings that make CPU training cheaper on Linux with glibc:
/// <list type="bullet">
/// <item>Tensor memory is reused instead of mapped afresh. By default every block over 32 MB (each attention score
/// tensor, most activations of a batch) is a fresh mmap whose pages the kernel faults in and zeroes on first touch;
/// a CMGAN step then spends a quarter to a third of its CPU time in the kernel. With M_MMAP_MAX = 0 and trimming off
/// the heap is reused and that cost is gone.</item>
/// <item>The heap does not fragment. libtorch allocates small objects (autograd nodes, tensor headers) between its
/// tensors; glibc's per-thread cache and fast bins keep the freed ones apart, and they then pin the holes of freed
/// activations, so the heap grew to 1.8 times the live peak (5.2 GB for 2.9 GB live at 64 channels / 2 blocks /
/// batch 1). With the cache and fast bins off (tcache_count = 0, mxfast = 0) it stays within ~1.25 times. The cache
/// can only be configured before the C library initialises, so <see cref="RestartTuned"/> re-executes the process
/// in place with GLIBC_TUNABLES; <see cref="Apply"/> does what can still be done in a running process.</item>
/// <item>OpenMP threads sleep when they wait (OMP_WAIT_POLICY=PASSIVE) instead of spinning for up to ~0.3 s at
/// every barrier. Spinning only pays off on cores nobody else uses; on a shared machine, or while the PESQ workers
/// run beside the backward pass, a spinning thread takes the core from the thread the barrier is waiting for. libgomp
/// reads the policy when it loads, so it is set before the first torch call.</item>
/// </list>
/// Settings the user has made (GLIBC_TUNABLES, MALLOC_*, OMP_WAIT_POLICY or GOMP_SPINCOUNT in the environment) are
/// left alone, as is everything when PERCEPTOR_CPU_TUNING=off; nothing is done off Linux or without glibc.
/// </summary>
public static class CpuTuning
{
    /// <summary>Set to <c>off</c> to leave the allocator and OpenMP as they are.</summary>
    public const string SwitchVariable = "PERCEPTOR_CPU_TUNING";

    /// <summary>The glibc tunables <see cref="RestartTuned"/> starts the process with.</summary>
    public const string GlibcTunables =
        "glibc.malloc.tcache_count=0:glibc.malloc.mxfast=0:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=4611686018427387904";

    private const string RestartedMarker = "PERCEPTOR_CPU_TUNED";
    private const int MMxFast = 1;
    private const int MTrimThreshold = -1;
    private const int MMmapMax = -4;
    private static readonly Lock Gate = new();
    private static CpuTuningReport? _applied;

    /// <summary>
    /// Applies the settings (once per process; later calls return the first call's report). Safe to call
    /// anywhere: a setting that cannot be made is reported, never thrown.
    /// </summary>
    public static CpuTuningReport Apply()
    {
        lock (Gate)
        {
            _applied ??= ApplyOnce();
            return _applied;
        }
    }

    /// <summary>
    /// Re-executes this process in place (execve: same process id, arguments, standard streams and environment)
    /// with <see cref="GlibcTunables"/> and OMP_WAIT_POLICY=PASSIVE added, so that the settings the C library only
    /// reads at start-up take effect. Call it first thing in <c>Main</c>, before any output or file is opened for
    /// writing. Returns (doing nothing) off Linux, without glibc, after a restart, when the user has set any of the
    /// variables or PERCEPTOR_CPU_TUNING=off, and when execve fails.
    /// </summary>
    public static void RestartTuned()
    {
        if (!OperatingSystem.IsLinux() || Switch() == "off" || HasEnvironment(RestartedMarker) || HasEnvironment("GLIBC_TUNABLES")
            || UserSetAllocator() || !IsGlibc())
        {
            return;
        }

        string[] argv;
        try
        {
            argv = File.ReadAllText("/proc/self/cmdline").TrimEnd('\0').Split('\0');
        }
        catch (IOException)
        {
            return;
        }
        catch (UnauthorizedAccessException)
        {
            return;
        }

        var environment = new List<string>();
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            environment.Add($"{e.Key}={e.Value}");
        }

        environment.Add("GLIBC_TUNABLES=" + GlibcTunables);
        environment.Add(RestartedMarker + "=1");
        if (!HasEnvironment("OMP_WAIT_POLICY") && !HasEnvironment("GOMP_SPINCOUNT"))
        {
            environment.Add("OMP_WAIT_POLICY=PASSIVE");
        }

        try
        {
            // Only returns on failure; the process then simply goes on untuned.
            _ = NativeMethods.execve("/proc/self/exe", [.. argv, null], [.. environment, null]);
        }
        catch (EntryPointNotFoundException)
        {
        }
    }

    private static CpuTuningReport ApplyOnce()
    {
        if (!OperatingSystem.IsLinux())
        {
            return new CpuTuningReport("not Linux: left as it is", "not Linux: left as it is");
        }

        if (Switch() == "off")
        {
            return new CpuTuningReport($"{SwitchVariable}=off: left as it is", $"{SwitchVariable}=off: left as it is");
        }

        return new CpuTuningReport(TuneAllocator(), TuneOpenMp());
    }

    private static string TuneAllocator()
    {
        if (HasEnvironment(RestartedMarker) && Environment.GetEnvironmentVariable("GLIBC_TUNABLES") == GlibcTunables)
        {
            return "glibc heap reused, thread cache and fast bins off (restarted with GLIBC_TUNABLES=" + GlibcTunables + ")";
        }

        if (HasEnvironment("GLIBC_TUNABLES") || UserSetAllocator())
        {
            return "the environment sets glibc's allocator: left as it is";
        }

        try
        {
            // mallopt returns 1 on success; C libraries without it throw EntryPointNotFoundException. The thread
            // cache cannot be switched off in a running process (see RestartTuned).
            bool trim = NativeMethods.mallopt(MTrimThreshold, -1) == 1; // -1: never give the heap's top back
            bool mmap = NativeMethods.mallopt(MMmapMax, 0) == 1;
            bool fast = NativeMethods.mallopt(MMxFast, 0) == 1;
            return trim && mmap && fast ? "glibc heap reused, fast bins off (M_MMAP_MAX=0, M_TRIM_THRESHOLD=-1, M_MXFAST=0; thread cache on)"
                : "mallopt refused: left as it is";
        }
        catch (EntryPointNotFoundException)
        {
            return "no glibc mallopt: left as it is";
        }
        catch (DllNotFoundException)
        {
            return "no libc: left as it is";
        }
    }

    private static string TuneOpenMp()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("OMP_WAIT_POLICY"), "PASSIVE", StringComparison.OrdinalIgnoreCase))
        {
            return "OpenMP threads sleep while waiting (OMP_WAIT_POLICY=PASSIVE)";
        }

        if (HasEnvironment("OMP_WAIT_POLICY") || HasEnvironment("GOMP_SPINCOUNT"))
        {
            return "the environment sets the OpenMP wait policy: left as it is";
        }

        if (OpenMpLoaded())
        {
            return "libgomp already loaded: wait policy left as it is";
        }

        try
        {
            // The runtime's Environment.SetEnvironmentVariable does not reach the C environment libgomp reads.
            return NativeMethods.setenv("OMP_WAIT_POLICY", "PASSIVE", 0) == 0
                ? "OpenMP threads sleep while waiting (OMP_WAIT_POLICY=PASSIVE)"
                : "setenv failed: wait policy left as it is";
        }
        catch (EntryPointNotFoundException)
        {
            return "no setenv: wait policy left as it is";
        }
    }

    private static bool HasEnvironment(string name) => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name));

    private static string? Switch() => Environment.GetEnvironmentVariable(SwitchVariable)?.Trim().ToLowerInvariant();

    private static bool UserSetAllocator() =>
        HasEnvironment("MALLOC_MMAP_MAX_") || HasEnvironment("MALLOC_TRIM_THRESHOLD_") || HasEnvironment("MALLOC_MMAP_THRESHOLD_")
        || HasEnvironment("MALLOC_TOP_PAD_") || HasEnvironment("MALLOC_ARENA_MAX");

    private static bool IsGlibc()
    {
        try
        {
            return NativeMethods.gnu_get_libc_version() != IntPtr.Zero;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    private static bool OpenMpLoaded()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/maps"))
            {
                if (line.Contains("libgomp", StringComparison.Ordinal) || line.Contains("libiomp", StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = false)]
        public static extern int mallopt(int param, int value);

        [DllImport("libc", SetLastError = false, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern int setenv(string name, string value, int overwrite);

        [DllImport("libc", SetLastError = false)]
        public static extern IntPtr gnu_get_libc_version();

        [DllImport("libc", SetLastError = false, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern int execve(string path, string?[] argv, string?[] envp);
    }
}
