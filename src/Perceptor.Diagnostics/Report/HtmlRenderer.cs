using System.Net;
using System.Text;

namespace Perceptor.Diagnostics.Report;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as one self-contained HTML file: styles inline, every figure embedded as a
/// base64 PNG, no scripts and no external references, so the file can be mailed or archived on its own.
/// </summary>
public static class HtmlRenderer
{
    private const string Style = """
        body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; max-width: 960px; margin: 2em auto; padding: 0 1em; color: #1d1d1f; line-height: 1.45; }
        h1 { font-size: 1.6em; border-bottom: 2px solid #ddd; padding-bottom: .3em; }
        h2 { font-size: 1.3em; margin-top: 1.8em; border-bottom: 1px solid #eee; }
        h3 { font-size: 1.1em; }
        table { border-collapse: collapse; margin: .8em 0; font-size: .92em; }
        th, td { border: 1px solid #ccc; padding: .3em .6em; text-align: left; vertical-align: top; }
        th { background: #f4f4f6; }
        figure { margin: 1.2em 0; }
        figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { font-size: .9em; color: #555; }
        .callout { border-left: 6px solid #888; background: #fafafa; padding: .6em 1em; margin: 1em 0; }
        .callout.critical { border-color: #c62828; background: #fdecea; }
        .callout.warning { border-color: #ef8f00; background: #fff4e0; }
        .callout.info { border-color: #1e6fd9; background: #eaf2fd; }
        .callout.ok { border-color: #2e7d32; background: #e9f5ea; }
        .callout .level { font-weight: bold; text-transform: uppercase; margin-right: .5em; }
        .callout code { background: #fff; padding: 0 .3em; border: 1px solid #ddd; border-radius: 3px; }
        .callout ul { margin: .4em 0; }
        .callout p { margin: .4em 0; }
        """;

    /// <summary>The HTML text.</summary>
    public static string Render(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E(document.Title)).Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n");
        sb.Append("<h1>").Append(E(document.Title)).Append("</h1>\n");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case HeadingBlock h:
                    sb.Append("<h").Append(h.Level).Append('>').Append(E(h.Text)).Append("</h").Append(h.Level).Append(">\n");
                    break;
                case ParagraphBlock p:
                    sb.Append("<p>").Append(E(p.Text)).Append("</p>\n");
                    break;
                case ListBlock l:
                    AppendList(sb, l.Items);
                    break;
                case TableBlock t:
                    sb.Append("<table>\n<thead><tr>");
                    foreach (string h in t.Header)
                    {
                        sb.Append("<th>").Append(E(h)).Append("</th>");
                    }

                    sb.Append("</tr></thead>\n<tbody>\n");
                    foreach (var row in t.Rows)
                    {
                        sb.Append("<tr>");
                        foreach (string cell in row)
                        {
                            sb.Append("<td>").Append(E(cell)).Append("</td>");
                        }

                        sb.Append("</tr>\n");
                    }

                    sb.Append("</tbody>\n</table>\n");
                    break;
                case FigureBlock f:
                    sb.Append("<figure><img alt=\"").Append(E(f.Caption)).Append("\" width=\"").Append(f.Image.Width)
                        .Append("\" height=\"").Append(f.Image.Height).Append("\" src=\"data:image/png;base64,")
                        .Append(Convert.ToBase64String(f.Image.Png)).Append("\"><figcaption>").Append(E(f.Caption))
                        .Append("</figcaption></figure>\n");
                    break;
                case CalloutBlock c:
                    string level = CalloutLevelWord.Of(c.Level);
                    sb.Append("<div class=\"callout ").Append(level).Append("\"><p><span class=\"level\">").Append(level).Append("</span>");
                    if (c.Tag.Length > 0)
                    {
                        sb.Append("<code>").Append(E(c.Tag)).Append("</code> ");
                    }

                    sb.Append("<strong>").Append(E(c.Title)).Append("</strong></p>\n");
                    AppendList(sb, c.Items);
                    foreach (var (label, text) in c.Footer)
                    {
                        sb.Append("<p><strong>").Append(E(label)).Append(":</strong> ").Append(E(text)).Append("</p>\n");
                    }

                    sb.Append("</div>\n");
                    break;
                default:
                    throw new NotSupportedException($"no HTML form for {block.GetType().Name}");
            }
        }

        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static void AppendList(StringBuilder sb, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        sb.Append("<ul>\n");
        foreach (string item in items)
        {
            sb.Append("<li>").Append(E(item)).Append("</li>\n");
        }

        sb.Append("</ul>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
