using System.Globalization;

namespace Perceptor.Training.Bench;

/// <summary>The table <c>perceptor bench train</c> prints: one row per case, then the conditions they ran under.</summary>
public static class TrainBenchTable
{
    /// <summary>
    /// Writes a blank line, the header, one row per result and the footer lines (crop length, step counts, cores,
    /// each distinct runtime tuning) of <paramref name="cases"/> to <paramref name="output"/>.
    /// </summary>
    public static void Write(TextWriter output, IReadOnlyList<TrainBenchCase> cases, IReadOnlyList<TrainBenchResult> results)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(results);
        if (cases.Count == 0)
        {
            throw new ArgumentException("no benchmark case", nameof(cases));
        }

        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        int width = Math.Max(6, results.Count > 0 ? results.Max(r => r.Case.Label.Length) : 6);
        output.WriteLine($"{"preset".PadRight(width)}  batch  G params  median ms/step  (min-max)          user s   sys s  PESQ ms  peak RSS  threads");
        foreach (var r in results)
        {
            string range = string.Create(c, $"({r.MinMs:0}-{r.MaxMs:0})");
            output.WriteLine(string.Create(c,
                $"{r.Case.Label.PadRight(width)} {r.Case.BatchSize,6} {r.GeneratorParameters,9} {r.MedianMs,15:0} {range,-17} {r.MedianUserSeconds,7:0.00} {r.MedianSystemSeconds,7:0.00} {r.MedianPesqMs,8:0} {r.PeakRssBytes / 1e9,6:0.00} GB {r.Threads,6}"));
        }

        var first = cases[0];
        output.WriteLine($"{first.CropSeconds:0.##} s crops, {first.Steps} timed steps after {first.Warmup} warm-up; {Environment.ProcessorCount} cores");
        foreach (string tuning in results.Select(r => r.Tuning).OfType<string>().Distinct())
        {
            output.WriteLine($"runtime: {tuning}");
        }
    }
}
