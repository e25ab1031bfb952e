using Perceptor.Audio;

namespace Perceptor.Training.Data;

/// <summary>Loads a pair at 16 kHz and says in words, naming the file, why it cannot be used (null when it can).</summary>
internal static class PairChecks
{
    public static (ClipPair? Pair, string? Problem) Load(AudioPair pair, AudioStore store)
    {
        float[] clean, noisy;
        try
        {
            clean = store.Load(pair.CleanPath);
            noisy = store.Load(pair.NoisyPath);
        }
        catch (AudioFileException e)
        {
            return (null, $"{e.Message}");
        }

        if (clean.Length != noisy.Length)
        {
            return (null, $"{pair.CleanPath} has {clean.Length} samples at 16 kHz but {pair.NoisyPath} has {noisy.Length}");
        }

        if (!AllFinite(clean) || !AllFinite(noisy))
        {
            return (null, $"{(AllFinite(clean) ? pair.NoisyPath : pair.CleanPath)}: contains NaN or infinite samples");
        }

        if (!HasEnergy(noisy))
        {
            return (null, $"{pair.NoisyPath}: digitally silent (the input normalisation divides by its level)");
        }

        return (new ClipPair(pair.Name, clean, noisy), null);
    }

    private static bool AllFinite(float[] x)
    {
        foreach (float v in x)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasEnergy(float[] x)
    {
        foreach (float v in x)
        {
            if (v != 0f)
            {
                return true;
            }
        }

        return false;
    }
}
