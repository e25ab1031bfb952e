namespace Perceptor.Quality.Evaluation;

/// <summary>
/// The evaluation table's metrics for one clean/processed pair (the standard six, then SI-SDR and ESTOI), plus the
/// LLR and WSS the composite measures are built on (diagnostic; null when they could not be computed).
/// </summary>
public sealed record QualityScores(
    MetricValue Pesq,
    MetricValue Csig,
    MetricValue Cbak,
    MetricValue Covl,
    MetricValue Ssnr,
    MetricValue Stoi,
    MetricValue SiSdr,
    MetricValue Estoi,
    double? Llr,
    double? Wss)
{
    /// <summary>The value of <paramref name="metric"/>.</summary>
    public MetricValue this[QualityMetric metric] => metric switch
    {
        QualityMetric.Pesq => Pesq,
        QualityMetric.Csig => Csig,
        QualityMetric.Cbak => Cbak,
        QualityMetric.Covl => Covl,
        QualityMetric.Ssnr => Ssnr,
        QualityMetric.Stoi => Stoi,
        QualityMetric.SiSdr => SiSdr,
        QualityMetric.Estoi => Estoi,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>Every metric failed for the same <paramref name="reason"/> (unusable input).</summary>
    public static QualityScores AllFailed(string reason)
    {
        var f = MetricValue.Failed(reason);
        return new QualityScores(f, f, f, f, f, f, f, f, null, null);
    }
}
