namespace Perceptor.Training.Enhance;

/// <summary>The sample rate enhanced files are written at.</summary>
public enum OutputRate
{
    /// <summary>Back at each input file's own rate (resampled from the model's 16 kHz): a drop-in replacement.</summary>
    Input,

    /// <summary>At the model's 16 kHz, as the reference's evaluation writes them.</summary>
    Model16k,
}
