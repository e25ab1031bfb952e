namespace Perceptor.Quality.Composite;

/// <summary>
/// Hu &amp; Loizou's composite measures (IEEE TASLP 16(1), 2008, Eqs. for C_sig, C_bak, C_ovl), each a linear
/// regression on PESQ, LLR, WSS and segmental SNR, clipped to the MOS range [1, 5] as the Python evaluation tool
/// does (the MATLAB original does not clip). PESQ here is the wideband MOS-LQO (P.862.2), as in the CMGAN tool.
/// </summary>
public static class CompositeMeasures
{
    /// <summary>Signal distortion: 3.093 − 1.029·LLR + 0.603·PESQ − 0.009·WSS, clipped to [1, 5].</summary>
    public static double Csig(double pesq, double llr, double wss) =>
        Clip(3.093 - (1.029 * llr) + (0.603 * pesq) - (0.009 * wss));

    /// <summary>Background intrusiveness: 1.634 + 0.478·PESQ − 0.007·WSS + 0.063·SSNR, clipped to [1, 5].</summary>
    public static double Cbak(double pesq, double wss, double segSnr) =>
        Clip(1.634 + (0.478 * pesq) - (0.007 * wss) + (0.063 * segSnr));

    /// <summary>Overall quality: 1.594 + 0.805·PESQ − 0.512·LLR − 0.007·WSS, clipped to [1, 5].</summary>
    public static double Covl(double pesq, double llr, double wss) =>
        Clip(1.594 + (0.805 * pesq) - (0.512 * llr) - (0.007 * wss));

    /// <summary>Clips to [1, 5]; NaN stays NaN.</summary>
    public static double Clip(double mos) => double.IsNaN(mos) ? double.NaN : Math.Min(5.0, Math.Max(1.0, mos));
}
