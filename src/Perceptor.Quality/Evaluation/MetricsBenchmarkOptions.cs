namespace Perceptor.Quality.Evaluation;

/// <summary>Settings of <see cref="MetricsBenchmark"/>.</summary>
public sealed record MetricsBenchmarkOptions
{
    /// <summary>Folder with <c>clean/</c> and <c>noisy/</c> subfolders of paired 16 kHz WAVs; null uses synthetic 3.5 s pairs.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Number of pairs (taken from the folder, or synthesised).</summary>
    public int Files { get; init; } = 8;

    /// <summary>Timed repetitions; medians are taken over these.</summary>
    public int Repeats { get; init; } = 5;

    /// <summary>Threads of the all-cores run; 0 uses every core.</summary>
    public int Threads { get; init; }
}
