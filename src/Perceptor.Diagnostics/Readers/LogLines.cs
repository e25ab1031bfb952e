namespace Perceptor.Diagnostics.Readers;

/// <summary>Line access shared by the text and CSV readers.</summary>
internal static class LogLines
{
    /// <summary>All lines of the reader (any of \n, \r\n, \r ends a line).</summary>
    public static List<string> ReadAll(TextReader reader)
    {
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
