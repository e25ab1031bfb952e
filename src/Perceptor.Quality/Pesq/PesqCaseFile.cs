using System.Globalization;
using System.Text;

namespace Perceptor.Quality.Pesq;

/// <summary>
/// Case files: CSV with a header naming at least <c>id,ref,deg,fs,mode</c> (any order; other columns ignored),
/// paths relative to the CSV's folder, <c>mode</c> = <c>wb</c> or <c>nb</c>. Results are written as
/// <c>id,score,error</c> in input order; an unreadable audio file is reported in its row and does not stop the rest.
/// </summary>
public static class PesqCaseFile
{
    private static readonly string[] Required = ["id", "ref", "deg", "fs", "mode"];

    /// <summary>
    /// Reads the cases of <paramref name="csvPath"/>. Throws <see cref="InvalidDataException"/> naming the file and
    /// line for a missing column, a short row, a non-integer <c>fs</c> or an unknown <c>mode</c>.
    /// </summary>
    public static IReadOnlyList<PesqCase> Read(string csvPath)
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
        for (int n = headerLine + 1; n < lines.Length; n++)
        {
            if (string.IsNullOrWhiteSpace(lines[n]))
            {
                continue;
            }

            var fields = SplitCsv(lines[n]);
            string where = $"{csvPath}, line {n + 1}";
            if (fields.Count < width)
            {
                throw new InvalidDataException($"{where}: {fields.Count} fields, expected at least {width}");
            }

            string id = fields[column["id"]].Trim();
            string fsText = fields[column["fs"]].Trim();
            if (!int.TryParse(fsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int fs))
            {
                throw new InvalidDataException($"{where}: fs '{fsText}' is not an integer sample rate");
            }

            string modeText = fields[column["mode"]].Trim();
            PesqMode mode = modeText.ToLowerInvariant() switch
            {
                "wb" => PesqMode.Wideband,
                "nb" => PesqMode.Narrowband,
                _ => throw new InvalidDataException($"{where}: mode '{modeText}' is neither wb nor nb"),
            };

            cases.Add(new PesqCase(id, Path.GetFullPath(Path.Combine(folder, fields[column["ref"]].Trim())),
                Path.GetFullPath(Path.Combine(folder, fields[column["deg"]].Trim())), fs, mode));
        }

        return cases;
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
