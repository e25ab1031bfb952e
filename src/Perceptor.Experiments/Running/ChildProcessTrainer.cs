using System.Diagnostics;
using System.Globalization;

namespace Perceptor.Experiments.Running;

/// <summary>
/// Trains each run as a child <c>perceptor train</c> process: a crash or leak in one run cannot take the others down,
/// and several runs can train side by side. Each child gets <c>runtime.threads</c> and the OpenMP/MKL thread
/// variables set to its share of the cores, so parallel runs do not oversubscribe the machine. Output goes to the
/// request's log file, and each line is echoed to the progress log with the run's name.
/// </summary>
public sealed class ChildProcessTrainer : IRunTrainer
{
    private readonly string _executable;
    private readonly IReadOnlyList<string> _leadingArguments;
    private readonly TextWriter _log;
    private readonly int _threads;
    private readonly TimeSpan _stopGrace;

    /// <summary>
    /// A trainer that starts <paramref name="executable"/> with <paramref name="leadingArguments"/> before
    /// <c>train ...</c> (e.g. <c>dotnet</c> and the path of <c>perceptor.dll</c>), giving each child
    /// <paramref name="threadsPerRun"/> threads (0: leave the child's default).
    /// </summary>
    public ChildProcessTrainer(string executable, IReadOnlyList<string> leadingArguments, TextWriter log, int threadsPerRun,
        TimeSpan? stopGrace = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(executable);
        ArgumentNullException.ThrowIfNull(leadingArguments);
        ArgumentNullException.ThrowIfNull(log);
        _executable = executable;
        _leadingArguments = leadingArguments;
        _log = TextWriter.Synchronized(log);
        _threads = Math.Max(0, threadsPerRun);
        _stopGrace = stopGrace ?? TimeSpan.FromMinutes(2);
    }

    /// <inheritdoc />
    public void Train(TrainRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var overrides = request.Overrides.ToList();
        if (_threads > 0)
        {
            overrides.Add("runtime.threads=" + _threads.ToString(CultureInfo.InvariantCulture));
        }

        // Each child gets its own session (setsid), so a Ctrl+C on the terminal reaches only the experiment, which then
        // asks every child once to stop (with SIGTERM, see Interrupt); a child hit by both would take the second signal
        // as "abort now".
        string? setsid = SetsidPath();
        var info = new ProcessStartInfo(setsid ?? _executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (setsid is not null)
        {
            // In its own session the child would outlive an experiment killed outright (SIGKILL of its process group,
            // a dropped terminal, the out-of-memory killer) and go on writing its run folder while a rerun trains it
            // again. setpriv makes the kernel send it SIGTERM when this process goes: it stops at its next batch with
            // a checkpoint. setsid execs in place (a child of ours leads no process group), so the parent stays us.
            if (PdeathsigSetpriv.Value is { } setpriv)
            {
                info.ArgumentList.Add(setpriv);
                info.ArgumentList.Add("--pdeathsig");
                info.ArgumentList.Add("TERM");
                info.ArgumentList.Add("--");
            }

            info.ArgumentList.Add(_executable);
        }

        foreach (string a in _leadingArguments)
        {
            info.ArgumentList.Add(a);
        }

        foreach (string a in TrainCommandLine.Arguments(request with { Overrides = overrides }))
        {
            info.ArgumentList.Add(a);
        }

        if (_threads > 0)
        {
            string n = _threads.ToString(CultureInfo.InvariantCulture);
            info.Environment["OMP_NUM_THREADS"] = n;
            info.Environment["MKL_NUM_THREADS"] = n;
        }

        StreamWriter? file = null;
        if (request.LogPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(request.LogPath)!);
            file = new StreamWriter(request.LogPath, append: true) { AutoFlush = true };
            file.WriteLine($"# {DateTimeOffset.UtcNow:O} {_executable} {string.Join(' ', info.ArgumentList)}");
        }

        var fileGate = new object();
        void Line(string? text)
        {
            if (text is null)
            {
                return;
            }

            lock (fileGate)
            {
                file?.WriteLine(text);
            }

            _log.WriteLine($"[{request.RunName}] {text}");
        }

        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        try
        {
            if (!process.Start())
            {
                throw new InvalidOperationException($"could not start {_executable}");
            }

            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using (cancellationToken.Register(() => Interrupt(process)))
            {
                process.WaitForExit();
            }

            if (process.ExitCode != 0 && !cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException(
                    $"perceptor train exited with code {process.ExitCode}{(request.LogPath is null ? "" : $" (log: {request.LogPath})")}");
            }
        }
        finally
        {
            file?.Dispose();
        }
    }

    private static readonly string[] SetsidCandidates = ["/usr/bin/setsid", "/bin/setsid"];

    private static string? SetsidPath() => OperatingSystem.IsWindows() ? null : SetsidCandidates.FirstOrDefault(File.Exists);

    private static readonly string[] SetprivCandidates = ["/usr/bin/setpriv", "/bin/setpriv"];

    // setpriv has --pdeathsig from util-linux 2.33 (2018) on; older systems (RHEL 7) go without.
    private static readonly Lazy<string?> PdeathsigSetpriv = new(() =>
    {
        if (!OperatingSystem.IsLinux() || SetprivCandidates.FirstOrDefault(File.Exists) is not { } path)
        {
            return null;
        }

        try
        {
            using var help = Process.Start(new ProcessStartInfo(path, ["--help"]) { RedirectStandardOutput = true, UseShellExecute = false });
            string text = help?.StandardOutput.ReadToEnd() ?? "";
            help?.WaitForExit();
            return text.Contains("--pdeathsig", StringComparison.Ordinal) ? path : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    });

    /// <summary>
    /// Asks the child to stop with SIGTERM, which <c>perceptor train</c> treats like Ctrl+C, and kills it if it has not
    /// stopped after the grace period. Not SIGINT: an experiment started in the background of a script (or of a batch
    /// job) has SIGINT ignored, its children inherit that, and a SIGINT would leave them training until the kill.
    /// </summary>
    private void Interrupt(Process process)
    {
        try
        {
            if (process.HasExited)
            {
                return;
            }

            if (!OperatingSystem.IsWindows())
            {
                using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])
                {
                    UseShellExecute = false,
                });
                kill?.WaitForExit();
            }

            _ = Task.Run(async () =>
            {
                await Task.Delay(_stopGrace).ConfigureAwait(false);
                try
                {
                    if (!process.HasExited)
                    {
                        process.Kill(entireProcessTree: true);
                    }
                }
                catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
                {
                    // It exited (and was disposed) during the grace period: nothing to kill.
                }
            });
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the signal.
        }
    }
}
