namespace Perceptor.Audio.Synthesis;

/// <summary>The synthetic noise types mixed into the corpus.</summary>
public enum NoiseType
{
    /// <summary>Gaussian white noise (flat spectrum).</summary>
    White,

    /// <summary>1/f noise (-3 dB per octave).</summary>
    Pink,

    /// <summary>1/f² noise (-6 dB per octave): rumble, like traffic or a car interior.</summary>
    Brown,

    /// <summary>Several synthetic talkers at once.</summary>
    Babble,

    /// <summary>Mains hum: 50 or 60 Hz and its harmonics, with a faint hiss.</summary>
    Hum,

    /// <summary>A café: slowly modulated pink noise, distant babble and clattering transients.</summary>
    Cafe,
}
