using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace Perceptor.Diagnostics.Report;

/// <summary>
/// The font of every report plot: DejaVu Sans, embedded in this assembly and registered with ScottPlot under its own
/// family name, so plots carry text on any machine. (ScottPlot draws no text at all, silently, when it finds no font;
/// a system font of the same name would also hide whether the embedded one works, hence the distinct name.)
/// </summary>
public static class ReportFonts
{
    /// <summary>The family name plots ask for; only the embedded font answers to it.</summary>
    public const string Family = "Perceptor DejaVu Sans";

    private const string ResourceName = "Perceptor.Diagnostics.Fonts.DejaVuSans.ttf";
    private static readonly Lazy<byte[]> FontBytes = new(LoadBytes);
    private static readonly object Gate = new();
    private static bool _registered;

    /// <summary>The embedded TTF file's bytes.</summary>
    public static ReadOnlySpan<byte> FontData => FontBytes.Value;

    /// <summary>Registers the embedded font with ScottPlot (once per process; later calls do nothing).</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver());
            _registered = true;
        }
    }

    /// <summary>A new typeface of the embedded font (the caller disposes it).</summary>
    public static SKTypeface CreateTypeface()
    {
        using var data = SKData.CreateCopy(FontBytes.Value);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException("the embedded DejaVu Sans font could not be loaded");
    }

    private static byte[] LoadBytes()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the font resource {ResourceName} is missing from {Assembly.GetExecutingAssembly().GetName().Name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    // Answers only to Family; every other name falls through to ScottPlot's own resolvers. One regular face serves
    // bold and italic requests too (ScottPlot asks for bold titles).
    private sealed class EmbeddedFontResolver : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
            Matches(fontName) ? ReportFonts.CreateTypeface() : null;

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            Matches(fontName) ? ReportFonts.CreateTypeface() : null;

        private static bool Matches(string fontName) => string.Equals(fontName, Family, StringComparison.OrdinalIgnoreCase);
    }
}
