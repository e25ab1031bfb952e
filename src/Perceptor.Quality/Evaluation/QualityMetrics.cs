namespace Perceptor.Quality.Evaluation;

/// <summary>Names and formats of the <see cref="QualityMetric"/> columns.</summary>
public static class QualityMetrics
{
    /// <summary>The six of the standard VoiceBank+DEMAND table, in the order papers print them.</summary>
    public static IReadOnlyList<QualityMetric> Standard { get; } =
        [QualityMetric.Pesq, QualityMetric.Csig, QualityMetric.Cbak, QualityMetric.Covl, QualityMetric.Ssnr, QualityMetric.Stoi];

    /// <summary>The measures reported beside the standard table (SI-SDR, ESTOI).</summary>
    public static IReadOnlyList<QualityMetric> Additional { get; } = [QualityMetric.SiSdr, QualityMetric.Estoi];

    /// <summary>All metrics: <see cref="Standard"/> then <see cref="Additional"/>.</summary>
    public static IReadOnlyList<QualityMetric> All { get; } = [.. Standard, .. Additional];

    /// <summary>Lower-case column name used in per_file.csv and summary.json (pesq, csig, cbak, covl, ssnr, stoi, si_sdr, estoi).</summary>
    public static string Key(QualityMetric metric) => metric switch
    {
        QualityMetric.Pesq => "pesq",
        QualityMetric.Csig => "csig",
        QualityMetric.Cbak => "cbak",
        QualityMetric.Covl => "covl",
        QualityMetric.Ssnr => "ssnr",
        QualityMetric.Stoi => "stoi",
        QualityMetric.SiSdr => "si_sdr",
        QualityMetric.Estoi => "estoi",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>Display name as papers print it.</summary>
    public static string Label(QualityMetric metric) => metric switch
    {
        QualityMetric.Pesq => "PESQ",
        QualityMetric.Csig => "CSIG",
        QualityMetric.Cbak => "CBAK",
        QualityMetric.Covl => "COVL",
        QualityMetric.Ssnr => "SSNR",
        QualityMetric.Stoi => "STOI",
        QualityMetric.SiSdr => "SI-SDR",
        QualityMetric.Estoi => "ESTOI",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };
}
