namespace Perceptor.Quality.Pesq;

/// <summary>Which PESQ to compute.</summary>
public enum PesqMode
{
    /// <summary>ITU-T P.862.2 wideband (16 kHz only), returning the P.862.2 MOS-LQO.</summary>
    Wideband,

    /// <summary>ITU-T P.862 narrowband at 8 or 16 kHz, returning the P.862.1 MOS-LQO.</summary>
    Narrowband,
}
