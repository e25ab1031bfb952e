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

    /// <summary>
    /// The lines of the reader as an editor, <c>grep -n</c> or <c>sed -n</c> number them: each ends at \n (or \r\n).
    /// A bare \r stays inside its line, where a progress bar written to a file uses it to redraw itself; only a text
    /// without any \n (classic Mac line ends) is split at \r instead.
    /// </summary>
    public static List<string> ReadPhysical(TextReader reader)
    {
        string text = reader.ReadToEnd();
        char end = text.Contains('\n', StringComparison.Ordinal) ? '\n' : '\r';
        var lines = new List<string>();
        int start = 0;
        while (start < text.Length)
        {
            int stop = text.IndexOf(end, start);
            int next = stop < 0 ? text.Length : stop + 1;
            if (stop < 0)
            {
                stop = text.Length;
            }

            int length = stop - start;
            if (end == '\n' && length > 0 && text[stop - 1] == '\r')
            {
                length--;
            }

            lines.Add(text.Substring(start, length));
            start = next;
        }

        return lines;
    }
}
