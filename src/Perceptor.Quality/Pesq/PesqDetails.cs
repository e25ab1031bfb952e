namespace Perceptor.Quality.Pesq;

/// <summary>
/// The full outcome of one computation, for diagnostics and tests: the reported MOS-LQO, the raw P.862 score, the
/// two aggregated disturbances and the number of utterances the alignment used.
/// </summary>
internal readonly record struct PesqDetails(PesqFailure Failure, float Mos, float Raw, double Symmetric,
    double Asymmetric, int Utterances)
{
    /// <summary>A failed computation.</summary>
    public static PesqDetails Failed(PesqFailure failure) => new(failure, float.NaN, float.NaN, double.NaN, double.NaN, 0);

    /// <summary>The public result.</summary>
    public PesqResult ToResult() => Failure == PesqFailure.None ? PesqResult.Success(Mos) : PesqResult.Failed(Failure);
}
