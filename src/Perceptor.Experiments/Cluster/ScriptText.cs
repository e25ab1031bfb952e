using System.Text.RegularExpressions;

namespace Perceptor.Experiments.Cluster;

/// <summary>Quoting for the bash text and the scheduler directives of a job-array script.</summary>
internal static partial class ScriptText
{
    /// <summary>Single-quotes <paramref name="text"/> for bash (a quote inside becomes <c>'\''</c>).</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// A path as one argument of a <c>#SBATCH</c>/<c>#PBS</c> line or of a command shown to the user. sbatch and qsub
    /// split those lines at blanks and take quotes as the shell does (sbatch also ends the line at an unquoted
    /// <c>#</c>), so a path with a blank, a quote or a <c>#</c> is single-quoted as for bash; plain paths stay bare, as
    /// admins expect to read them.
    /// </summary>
    public static string Argument(string path) => PlainPathRegex().IsMatch(path) ? path : Quote(path);

    [GeneratedRegex("^[A-Za-z0-9_./%^@+=,:~-]+$")]
    private static partial Regex PlainPathRegex();
}
