namespace Perceptor.Diagnostics.Report;

/// <summary>One block of a <see cref="ReportDocument"/>; text in blocks is plain (renderers escape it).</summary>
public abstract record ReportBlock;
