namespace Perceptor.Quality.Evaluation;

/// <summary>
/// Median milliseconds per 3.5 s file (times scaled by 3.5 s / the file's duration). Per-metric and full-table times
/// are single-threaded; <see cref="AllCoresMs"/> is wall time per file with <see cref="Threads"/> workers.
/// A null PESQ time means PESQ is not available in this build (the table times then exclude it).
/// <see cref="EstoiMs"/> is ESTOI with its own front end; <see cref="StoiFrontEndMs"/> is that front end alone, and
/// <see cref="EstoiSharedMs"/> ESTOI on envelopes already made (what it adds to a table that computes STOI).
/// </summary>
public sealed record MetricsBenchmarkResult(
    int Files,
    int Repeats,
    int Threads,
    double MeanDurationSeconds,
    double SsnrMs,
    double LlrMs,
    double WssMs,
    double StoiMs,
    double SiSdrMs,
    double EstoiMs,
    double StoiFrontEndMs,
    double EstoiSharedMs,
    double? PesqMs,
    double FullTableMs,
    double AllCoresMs,
    string Source);
