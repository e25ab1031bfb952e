namespace Perceptor.Quality.Evaluation;

/// <summary>
/// The columns of the standard speech-enhancement evaluation table, in the order papers print them, then the two
/// measures papers also report beside it (appended so that existing column positions never move).
/// </summary>
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

    /// <summary>Scale-invariant signal-to-distortion ratio in dB (asteroid's convention).</summary>
    SiSdr,

    /// <summary>Extended short-time objective intelligibility (Jensen &amp; Taal 2016).</summary>
    Estoi,
}
