namespace Perceptor.Audio;

/// <summary>How a multi-channel file becomes the mono signal every metric and model works on.</summary>
public enum ChannelMix
{
    /// <summary>Keep the first channel (what the reference Python tools do after <c>soundfile.read(...)[:, 0]</c>).</summary>
    First,

    /// <summary>Average all channels.</summary>
    Mean,
}
