namespace Perceptor.Quality.Evaluation;

/// <summary>The columns of the standard speech-enhancement evaluation table, in the order papers print them.</summary>
public enum QualityMetric
{
    /// <summary>Wideband PESQ, ITU-T P.862.2 MOS-LQO.</summary>
    Pesq,

    /// <summary>Composite signal-distortion rating (Hu &amp; Loizou).</summary>
    Csig,

    /// <summary>Composite background-intrusiveness rating.</summary>
    Cbak,

    /// <summary>Composite overall-quality rating.</summary>
    Covl,

    /// <summary>Segmental SNR in dB.</summary>
    Ssnr,

    /// <summary>Short-time objective intelligibility.</summary>
    Stoi,
}
