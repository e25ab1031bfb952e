using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Perceptor.Training.Runtime;

/// <summary>
/// CPU time (user and system, all threads) and page faults of this process so far: getrusage(RUSAGE_SELF) on Linux,
/// the runtime's processor times elsewhere (faults then read 0). Differences of two readings give the cost of the
/// work between them.
/// </summary>
public readonly record struct ProcessUsage(double UserSeconds, double SystemSeconds, long MinorFaults, long MajorFaults)
{
    /// <summary>This process's usage now.</summary>
    public static ProcessUsage Now()
    {
        if (OperatingSystem.IsLinux() && NativeMethods.getrusage(NativeMethods.RusageSelf, out var usage) == 0)
        {
            return new ProcessUsage(Seconds(usage.UserTime), Seconds(usage.SystemTime), usage.MinorFaults, usage.MajorFaults);
        }

        using var process = Process.GetCurrentProcess();
        return new ProcessUsage(process.UserProcessorTime.TotalSeconds, process.PrivilegedProcessorTime.TotalSeconds, 0, 0);
    }

    /// <summary>The usage between <paramref name="earlier"/> and <paramref name="later"/>.</summary>
    public static ProcessUsage operator -(ProcessUsage later, ProcessUsage earlier) =>
        new(later.UserSeconds - earlier.UserSeconds, later.SystemSeconds - earlier.SystemSeconds,
            later.MinorFaults - earlier.MinorFaults, later.MajorFaults - earlier.MajorFaults);

    private static double Seconds(NativeMethods.TimeVal t) => t.Seconds + t.Microseconds * 1e-6;

    private static class NativeMethods
    {
        public const int RusageSelf = 0;

        [StructLayout(LayoutKind.Sequential)]
        public struct TimeVal
        {
            public long Seconds;
            public long Microseconds;
        }

        // struct rusage on 64-bit Linux: two timevals, then fourteen longs.
        [StructLayout(LayoutKind.Sequential)]
        public struct RUsage
        {
            public TimeVal UserTime;
            public TimeVal SystemTime;
            public long MaxRss;
            public long SharedRss;
            public long UnsharedData;
            public long UnsharedStack;
            public long MinorFaults;
            public long MajorFaults;
            public long Swaps;
            public long BlocksIn;
            public long BlocksOut;
            public long MessagesSent;
            public long MessagesReceived;
            public long Signals;
            public long VoluntarySwitches;
            public long InvoluntarySwitches;
        }

        [DllImport("libc", SetLastError = false)]
        public static extern int getrusage(int who, out RUsage usage);
    }
}
