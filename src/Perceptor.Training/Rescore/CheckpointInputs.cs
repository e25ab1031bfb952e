using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Perceptor.Training.Checkpoints;
using Perceptor.Training.Data;

namespace Perceptor.Training.Rescore;

/// <summary>
/// Turns the checkpoint arguments of a rescore into the series of checkpoint files, each with its epoch:
/// <list type="bullet">
/// <item>a file is taken as it is, and must be a checkpoint (Perceptor, PyTorch zip or safetensors, by its first bytes);</item>
/// <item>a folder gives every checkpoint file in it (other files are passed over); a Perceptor run folder (one with a
/// <c>checkpoints/</c> folder) gives the checkpoints in it and in its <c>checkpoints/</c> folder;</item>
/// <item>a pattern with <c>*</c>, <c>?</c> or <c>[...]</c> (and <c>**</c> for any depth of folders) is expanded here,
/// so a quoted pattern works as well as one the shell expanded; a path that exists is never read as a pattern.</item>
/// </list>
/// Files within a folder or a pattern are taken in natural order (<c>epoch_2</c> before <c>epoch_10</c>); a file given
/// twice, or two files with the same bytes (<c>best.ckpt</c> written beside <c>last.ckpt</c>), is scored once.
/// </summary>
public static class CheckpointInputs
{
    /// <summary>
    /// The checkpoints <paramref name="inputs"/> name, with epochs; <paramref name="notes"/> receives what was passed
    /// over. Throws <see cref="RescoreInputException"/> (one line naming the path) when an input names nothing usable.
    /// </summary>
    public static IReadOnlyList<RescoreCheckpoint> Resolve(IReadOnlyList<string> inputs, Action<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            throw new RescoreInputException("no checkpoint given (files, folders or patterns)");
        }

        var files = new List<string>();
        foreach (string input in inputs)
        {
            files.AddRange(Expand(input));
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var distinct = new List<(string Path, string Sha)>();
        foreach (string file in files.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
        {
            string sha = Sha256Of(file);
            if (seen.TryGetValue(sha, out string? first))
            {
                notes?.Invoke($"{file}: the same bytes as {first}; scored once");
                continue;
            }

            seen[sha] = file;
            distinct.Add((file, sha));
        }

        return distinct.Select((f, i) => Epoch(f.Path, i, distinct.Count) with { Sha256 = f.Sha }).ToList();
    }

    /// <summary>SHA-256 of a file's bytes, lower-case hex.</summary>
    public static string Sha256Of(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RescoreInputException($"{path}: cannot read ({e.Message})", e);
        }
    }

    private static RescoreCheckpoint Epoch(string path, int index, int count)
    {
        if (WeightsFormats.Detect(path) == WeightsFormat.Perceptor)
        {
            try
            {
                var state = CheckpointFile.Read(path).State;
                return state.Batch == 0
                    ? new RescoreCheckpoint(path, state.Epoch, EpochBasis.CheckpointState, $"checkpoint state: written after epoch {state.Epoch}")
                    : new RescoreCheckpoint(path, state.Epoch + 1, EpochBasis.CheckpointState,
                        $"checkpoint state: written inside epoch {state.Epoch + 1}, after batch {state.Batch}");
            }
            catch (CheckpointException)
            {
                // Unreadable: the name or the order gives the epoch, and scoring reports the problem.
            }
        }

        return EpochNames.FromName(path) is int named
            ? new RescoreCheckpoint(path, named, EpochBasis.Name, $"name '{Path.GetFileName(path)}'")
            : new RescoreCheckpoint(path, index + 1, EpochBasis.Order, $"order given: {index + 1} of {count}");
    }

    private static List<string> Expand(string input)
    {
        if (File.Exists(input))
        {
            Check(input);
            return [input];
        }

        if (Directory.Exists(input))
        {
            return FromFolder(input);
        }

        if (IsPattern(input))
        {
            var matches = Glob(input).ToList();
            if (matches.Count == 0)
            {
                throw new RescoreInputException($"{input}: the pattern matches no file");
            }

            var found = matches.SelectMany(m => Directory.Exists(m) ? FromFolder(m) : IsCheckpoint(m) ? [m] : new List<string>()).ToList();
            return found.Count > 0 ? found
                : throw new RescoreInputException($"{input}: the pattern matches {matches.Count} path(s), none of them a checkpoint");
        }

        throw new RescoreInputException($"{input}: no such file or folder");
    }

    private static void Check(string file)
    {
        try
        {
            WeightsFormats.Detect(file);
        }
        catch (CheckpointException e)
        {
            throw new RescoreInputException(e.Message, e);
        }
    }

    private static List<string> FromFolder(string folder)
    {
        var places = new List<string> { folder };
        string inner = Path.Combine(folder, "checkpoints");
        if (Directory.Exists(inner))
        {
            places.Add(inner);
        }

        var found = places.SelectMany(p => Directory.EnumerateFiles(p).Order(NaturalComparer.Instance)).Where(IsCheckpoint).ToList();
        return found.Count > 0 ? found
            : throw new RescoreInputException($"{folder}: no checkpoint file in this folder" + (places.Count > 1 ? " or its checkpoints/ folder" : ""));
    }

    private static bool IsCheckpoint(string file)
    {
        try
        {
            WeightsFormats.Detect(file);
            return true;
        }
        catch (CheckpointException)
        {
            return false;
        }
    }

    private static bool IsPattern(string input) => input.AsSpan().IndexOfAny("*?[") >= 0;

    /// <summary>The paths a shell-style pattern matches (files and folders), in natural order.</summary>
    internal static IEnumerable<string> Glob(string pattern)
    {
        string normal = pattern.Replace('\\', '/');
        bool rooted = normal.StartsWith('/');
        var parts = normal.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = new List<string> { rooted ? "/" : "." };
        for (int i = 0; i < parts.Length; i++)
        {
            bool last = i == parts.Length - 1;
            string part = parts[i];
            var next = new List<string>();
            foreach (string dir in current.Where(Directory.Exists))
            {
                if (part == "**")
                {
                    next.Add(dir);
                    next.AddRange(Directory.EnumerateDirectories(dir, "*", SearchOption.AllDirectories));
                }
                else if (!IsPattern(part))
                {
                    string path = Path.Combine(dir, part);
                    if (last ? File.Exists(path) || Directory.Exists(path) : Directory.Exists(path))
                    {
                        next.Add(path);
                    }
                }
                else
                {
                    var regex = SegmentRegex(part);
                    var entries = last ? Directory.EnumerateFileSystemEntries(dir) : Directory.EnumerateDirectories(dir);
                    next.AddRange(entries.Where(e => regex.IsMatch(Path.GetFileName(e))));
                }
            }

            current = next.Distinct(StringComparer.Ordinal).ToList();
        }

        return current.Select(p => rooted ? p : Path.GetRelativePath(".", p)).Order(NaturalComparer.Instance);
    }

    // One path segment of a pattern as a regular expression: * any run of characters, ? one, [...] a class ([!...] negated);
    // like the shell, a leading dot is only matched by a pattern that starts with one.
    private static Regex SegmentRegex(string segment)
    {
        var sb = new StringBuilder(segment.StartsWith('.') ? "^" : "^(?!\\.)");
        for (int i = 0; i < segment.Length; i++)
        {
            char c = segment[i];
            switch (c)
            {
                case '*':
                    sb.Append(".*");
                    break;
                case '?':
                    sb.Append('.');
                    break;
                case '[':
                    int close = segment.IndexOf(']', i + 2);
                    if (close < 0)
                    {
                        sb.Append("\\[");
                        break;
                    }

                    string body = segment[(i + 1)..close];
                    bool negated = body.StartsWith('!') || body.StartsWith('^');
                    sb.Append('[').Append(negated ? "^" : "").Append(body[(negated ? 1 : 0)..].Replace("\\", "\\\\", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
