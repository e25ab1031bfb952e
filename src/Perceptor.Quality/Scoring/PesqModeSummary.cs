using Perceptor.Quality.Pesq;

namespace Perceptor.Quality.Scoring;

/// <summary>The pairs that scored in one mode and their mean MOS-LQO.</summary>
public sealed record PesqModeSummary(PesqMode Mode, int Scored, double Mean)
{
    /// <summary><c>wb</c> or <c>nb</c>, as on the command line and in case files.</summary>
    public static string Name(PesqMode mode) => mode switch
    {
        PesqMode.Wideband => "wb",
        PesqMode.Narrowband => "nb",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "not a PESQ mode"),
    };
}
