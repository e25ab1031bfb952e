namespace Perceptor.Diagnostics.Report;

/// <summary>A PNG image: its file name beside the report, its bytes and its size in pixels.</summary>
public sealed record ReportImage(string FileName, byte[] Png, int Width, int Height);
