using System.Globalization;
using System.Text;
using Perceptor.Quality.Pesq;

namespace Perceptor.Quality.Scoring;

/// <summary>
/// Case files: CSV with a header naming at least <c>id,ref,deg,fs,mode</c> (any order; other columns ignored),
/// paths relative to the CSV's folder, <c>mode</c> = <c>wb</c> or <c>nb</c>. Results are written as
/// <c>id,score,error</c> in input order; an unreadable audio file is reported in its row and does not stop the rest,
/// and a malformed row is reported by line while the other rows are read.
/// </summary>
public static class PesqCaseFile
{
    private static readonly string[] Required = ["id", "ref", "deg", "fs", "mode"];

    /// <summary>
    /// Reads the cases of <paramref name="csvPath"/>. Rows that cannot be used (too few fields, a non-integer
    /// <c>fs</c>, an unknown <c>mode</c>) and ids that repeat an earlier row's are reported by line in
    /// <see cref="PesqCaseList.Problems"/>; a repeated id's row is still read, so nothing asked for is lost. Throws
    /// <see cref="InvalidDataException"/> naming the file when it cannot be read, is empty or lacks a column.
    /// </summary>
    public static PesqCaseList Read(string csvPath)
    {
        ArgumentNullException.ThrowIfNull(csvPath);
        string folder = Path.GetDirectoryName(Path.GetFullPath(csvPath)) ?? ".";
        string[] lines;
        try
        {
            lines = File.ReadAllLines(csvPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{csvPath}: cannot read the case file ({e.Message})", e);
        }

        int headerLine = Array.FindIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        if (headerLine < 0)
        {
            throw new InvalidDataException($"{csvPath}: empty case file (expected a header with {string.Join(",", Required)})");
        }

        var header = SplitCsv(lines[headerLine]);
        var column = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < header.Count; i++)
        {
            column.TryAdd(header[i].Trim(), i);
        }

        var missing = Required.Where(name => !column.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException(
                $"{csvPath}: the header lacks column(s) {string.Join(", ", missing)} (it has: {string.Join(",", header)})");
        }

        int width = Required.Max(name => column[name]) + 1;
        var cases = new List<PesqCase>();
        var problems = new List<PesqCaseProblem>();
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int n = headerLine + 1; n < lines.Length; n++)
        {
            if (string.IsNullOrWhiteSpace(lines[n]))
            {
                continue;
            }

            int line = n + 1;
            var fields = SplitCsv(lines[n]);
            if (fields.Count < width)
            {
                problems.Add(new PesqCaseProblem(csvPath, line, $"{fields.Count} fields, expected at least {width}"));
                continue;
            }

            string id = fields[column["id"]].Trim();
            string fsText = fields[column["fs"]].Trim();
            if (!int.TryParse(fsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int fs))
            {
                problems.Add(new PesqCaseProblem(csvPath, line, $"fs '{fsText}' is not an integer sample rate"));
                continue;
            }

            string modeText = fields[column["mode"]].Trim();
            PesqMode? mode = modeText.ToLowerInvariant() switch
            {
                "wb" => PesqMode.Wideband,
                "nb" => PesqMode.Narrowband,
                _ => null,
            };
            if (mode is null)
            {
                problems.Add(new PesqCaseProblem(csvPath, line, $"mode '{modeText}' is neither wb nor nb"));
                continue;
            }

            if (firstLineOf.TryGetValue(id, out int first))
            {
                problems.Add(new PesqCaseProblem(csvPath, line,
                    $"id '{id}' repeats the id of line {first}; both rows are scored"));
            }
            else
            {
                firstLineOf[id] = line;
            }

            cases.Add(new PesqCase(id, Path.GetFullPath(Path.Combine(folder, fields[column["ref"]].Trim())),
                Path.GetFullPath(Path.Combine(folder, fields[column["deg"]].Trim())), fs, mode.Value));
        }

        return new PesqCaseList(cases, problems);
    }

    /// <summary>
    /// Scores <paramref name="cases"/> on up to <paramref name="maxDegreeOfParallelism"/> threads (default all
    /// cores); outcomes are in input order.
    /// </summary>
    public static IReadOnlyList<PesqFileOutcome> Score(IReadOnlyList<PesqCase> cases, int maxDegreeOfParallelism = 0,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var outcomes = new PesqFileOutcome[cases.Count];
        PesqParallel.For(cases.Count, maxDegreeOfParallelism, progress, (i, workspace) =>
        {
            var c = cases[i];
            outcomes[i] = PesqFileScoring.Score(c.Id, c.ReferencePath, c.DegradedPath, c.SampleRate, c.Mode, workspace);
        }, cancellationToken);
        return outcomes;
    }

    /// <summary>Writes <c>id,score,error</c> to <paramref name="path"/> (replaced atomically).</summary>
    public static void WriteResults(string path, IReadOnlyList<PesqFileOutcome> outcomes) =>
        PesqFileScoring.WriteCsv(path, outcomes, "id");

    /// <summary>Writes <c>id,score,error</c> to <paramref name="writer"/>.</summary>
    public static void WriteResults(TextWriter writer, IReadOnlyList<PesqFileOutcome> outcomes) =>
        PesqFileScoring.WriteCsv(writer, outcomes, "id");

    /// <summary>Splits one CSV line (RFC 4180 quoting, no line breaks inside fields).</summary>
    internal static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
