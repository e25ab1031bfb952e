using System.Runtime.InteropServices;

namespace Perceptor.Training.Runtime;

/// <summary>
/// Process-wide settings that make CPU training cheaper on Linux, applied once before libtorch is loaded:
/// <list type="bullet">
/// <item>glibc's allocator keeps freed memory for reuse (mallopt M_MMAP_MAX = 0, M_TRIM_THRESHOLD = −1, i.e. never trim).
/// By default every block over 32 MB (each attention score tensor, most activations of a batch) is a fresh mmap
/// whose pages the kernel faults in and zeroes on first touch, and is unmapped again on free; a CMGAN step then
/// spends a quarter to a third of its CPU time in the kernel. Reusing the heap removes that cost and does not raise
/// the peak, which is set by what autograd keeps alive; the resident size simply stays at the peak until the
/// process ends.</item>
/// <item>OpenMP threads sleep when they wait (OMP_WAIT_POLICY=PASSIVE) instead of spinning for up to ~0.3 s at
/// every barrier. Spinning only pays off on cores nobody else uses; on a shared machine, or while the PESQ workers
/// run beside the backward pass, a spinning thread takes the core from the thread the barrier is waiting for.</item>
/// </list>
/// Settings the user has made (MALLOC_* or GLIBC_TUNABLES, OMP_WAIT_POLICY or GOMP_SPINCOUNT in the environment)
/// are left alone; nothing is done off Linux. The OpenMP setting is read by libgomp when it loads, so it only takes
/// effect when <see cref="Apply"/> runs before the first torch call of the process.
/// </summary>
public static class CpuTuning
{
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

    private static CpuTuningReport ApplyOnce()
    {
        if (!OperatingSystem.IsLinux())
        {
            return new CpuTuningReport("not Linux: left as it is", "not Linux: left as it is");
        }

        return new CpuTuningReport(TuneAllocator(), TuneOpenMp());
    }

    private static string TuneAllocator()
    {
        if (HasEnvironment("GLIBC_TUNABLES") || HasEnvironment("MALLOC_MMAP_MAX_") || HasEnvironment("MALLOC_TRIM_THRESHOLD_")
            || HasEnvironment("MALLOC_MMAP_THRESHOLD_"))
        {
            return "the environment sets glibc's allocator: left as it is";
        }

        try
        {
            // mallopt returns 1 on success; musl and other C libraries without it throw EntryPointNotFoundException.
            bool trim = NativeMethods.mallopt(MTrimThreshold, -1) == 1; // -1: never give the heap's top back
            bool mmap = NativeMethods.mallopt(MMmapMax, 0) == 1;
            return trim && mmap ? "glibc heap reused (M_MMAP_MAX=0, M_TRIM_THRESHOLD=-1)" : "mallopt refused: left as it is";
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
    }
}
