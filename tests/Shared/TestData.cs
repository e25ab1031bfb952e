namespace Perceptor.Tests;

/// <summary>
/// Locates the shared test data (PESQ conformance cases, VoiceBank samples). The folder comes from
/// PERCEPTOR_TEST_DATA, or defaults to ../shared/data beside the repository. Missing data is a failure, never a skip:
/// a green run must mean the data-driven checks ran.
/// </summary>
internal static class TestData
{
    public const string EnvironmentVariable = "PERCEPTOR_TEST_DATA";

    private static readonly Lazy<string> Root = new(Locate);

    /// <summary>The data folder; throws with instructions when it cannot be found.</summary>
    public static string Directory => Root.Value;

    /// <summary>A path under the data folder.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Directory, .. parts]);

    /// <summary>
    /// The repository root (the folder holding Perceptor.slnx): above the test binaries, or, when PERCEPTOR_ARTIFACTS
    /// put them elsewhere, the folder the build recorded in the assembly.
    /// </summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Perceptor.slnx")))
            {
                dir = dir.Parent;
            }

            if (dir is not null)
            {
                return dir.FullName;
            }

            string? recorded = typeof(TestData).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
                .Cast<System.Reflection.AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "Perceptor.RepositoryRoot")?.Value;
            return recorded is not null && File.Exists(System.IO.Path.Combine(recorded, "Perceptor.slnx"))
                ? System.IO.Path.GetFullPath(recorded)
                : throw new InvalidOperationException(
                    $"cannot find the repository root (Perceptor.slnx) above {AppContext.BaseDirectory} or at the path the build recorded ({recorded ?? "none"})");
        }
    }

    private static string Locate()
    {
        string? fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        string candidate = !string.IsNullOrWhiteSpace(fromEnv)
            ? fromEnv
            : System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot, "..", "shared", "data"));
        if (!System.IO.Directory.Exists(candidate))
        {
            bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            throw new InvalidOperationException(
                $"test data not found at '{candidate}'{(ci ? " (CI=true: data-driven tests must run)" : "")}. " +
                $"Set {EnvironmentVariable} to the folder holding pesq/ and voicebank-samples/.");
        }

        return candidate;
    }
}
