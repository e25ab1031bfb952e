using System.Reflection;

namespace Perceptor.Experiments.Running;

/// <summary>How to start another <c>perceptor</c> like the running one (for child training processes).</summary>
public static class PerceptorProcess
{
    /// <summary>
    /// The executable and leading arguments of the current process: the apphost alone (<c>perceptor</c>), or
    /// <c>dotnet</c> with the entry assembly when the tool runs as <c>dotnet perceptor.dll</c>.
    /// </summary>
    public static (string Executable, IReadOnlyList<string> LeadingArguments) Current()
    {
        string process = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this process is unknown");
        string? entry = Assembly.GetEntryAssembly()?.Location;
        bool host = string.Equals(Path.GetFileNameWithoutExtension(process), "dotnet", StringComparison.OrdinalIgnoreCase);
        return host && !string.IsNullOrEmpty(entry) ? (process, [entry]) : (process, []);
    }
}
