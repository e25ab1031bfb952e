using System.Text;

namespace Perceptor.Diagnostics.Report;

/// <summary>Renders a <see cref="ReportDocument"/> as GitHub-flavoured Markdown.</summary>
public static class MarkdownRenderer
{
    /// <summary>The Markdown text. Figures become image links to their PNG files (written beside the report), or are
    /// left out when <paramref name="includeFigures"/> is false (for printing to a terminal).</summary>
    public static string Render(ReportDocument document, bool includeFigures = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder();
        sb.Append("# ").Append(Escape(document.Title)).Append("\n\n");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case HeadingBlock h:
                    sb.Append('#', h.Level).Append(' ').Append(Escape(h.Text)).Append("\n\n");
                    break;
                case ParagraphBlock p:
                    sb.Append(Escape(p.Text)).Append("\n\n");
                    break;
                case ListBlock l:
                    foreach (string item in l.Items)
                    {
                        sb.Append("- ").Append(Escape(item)).Append('\n');
                    }

                    sb.Append('\n');
                    break;
                case TableBlock t:
                    sb.Append("| ").AppendJoin(" | ", t.Header.Select(Cell)).Append(" |\n");
                    sb.Append('|').AppendJoin("|", t.Header.Select(_ => "---")).Append("|\n");
                    foreach (var row in t.Rows)
                    {
                        sb.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
                    }

                    sb.Append('\n');
                    break;
                case FigureBlock f when includeFigures:
                    sb.Append("![").Append(Escape(f.Caption)).Append("](").Append(Uri.EscapeDataString(f.Image.FileName)).Append(")\n\n");
                    sb.Append('*').Append(Escape(f.Caption)).Append("*\n\n");
                    break;
                case FigureBlock:
                    break;
                case CalloutBlock c:
                    sb.Append("> **").Append(CalloutLevelWord.Of(c.Level).ToUpperInvariant()).Append("**");
                    if (c.Tag.Length > 0)
                    {
                        sb.Append(" `").Append(c.Tag.Replace("`", "'", StringComparison.Ordinal)).Append('`');
                    }

                    sb.Append(" — ").Append(Escape(c.Title)).Append("\n>\n");
                    foreach (string item in c.Items)
                    {
                        sb.Append("> - ").Append(Escape(item)).Append('\n');
                    }

                    foreach (var (label, text) in c.Footer)
                    {
                        sb.Append(">\n> **").Append(Escape(label)).Append(":** ").Append(Escape(text)).Append('\n');
                    }

                    sb.Append('\n');
                    break;
                default:
                    throw new NotSupportedException($"no Markdown form for {block.GetType().Name}");
            }
        }

        return sb.ToString();
    }

    /// <summary>Escapes the characters Markdown would read as formatting.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            if (c is '\\' or '*' or '_' or '`' or '[' or ']' or '<' or '>' or '#' or '|')
            {
                sb.Append('\\');
            }

            sb.Append(c is '\n' or '\r' ? ' ' : c);
        }

        return sb.ToString();
    }

    private static string Cell(string text) => Escape(text);
}
