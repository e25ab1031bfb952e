namespace Perceptor.Quality.Evaluation;

/// <summary>Names and formats of the <see cref="QualityMetric"/> columns.</summary>
public static class QualityMetrics
{
    /// <summary>All metrics in table order.</summary>
    public static IReadOnlyList<QualityMetric> All { get; } =
        [QualityMetric.Pesq, QualityMetric.Csig, QualityMetric.Cbak, QualityMetric.Covl, QualityMetric.Ssnr, QualityMetric.Stoi];

    /// <summary>Lower-case column name used in CSV and JSON (pesq, csig, cbak, covl, ssnr, stoi).</summary>
    public static string Key(QualityMetric metric) => metric switch
    {
        QualityMetric.Pesq => "pesq",
        QualityMetric.Csig => "csig",
        QualityMetric.Cbak => "cbak",
        QualityMetric.Covl => "covl",
        QualityMetric.Ssnr => "ssnr",
        QualityMetric.Stoi => "stoi",
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
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };
}
