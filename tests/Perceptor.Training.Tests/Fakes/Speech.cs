using Perceptor.Audio;
using Perceptor.Tests;
using Perceptor.Training.Data;

namespace Perceptor.Training.Tests.Fakes;

/// <summary>Short pieces of the VoiceBank sample pairs (real speech, so real PESQ finds utterances in them).</summary>
internal static class Speech
{
    private static readonly string[] Names =
    [
        "p232_003", "p232_005", "p232_006", "p232_011", "p232_014", "p232_015", "p232_016", "p232_019",
        "p257_003", "p257_008", "p257_011", "p257_015",
    ];

    /// <summary>The centre <paramref name="seconds"/> of sample pair <paramref name="index"/>.</summary>
    public static ClipPair Pair(int index, double seconds)
    {
        string name = Names[index % Names.Length];
        var clean = WavFile.Read(TestData.Path("voicebank-samples", "clean", name + ".wav")).Samples;
        var noisy = WavFile.Read(TestData.Path("voicebank-samples", "noisy", name + ".wav")).Samples;
        int length = (int)(seconds * 16000);
        int start = Crops.CentreStart(clean.Length, length);
        return new ClipPair(name, clean.AsSpan(start, length).ToArray(), noisy.AsSpan(start, length).ToArray());
    }

    public static IReadOnlyList<ClipPair> Pairs(int count, double seconds, int first = 0) =>
        Enumerable.Range(first, count).Select(i => Pair(i, seconds)).ToArray();

    /// <summary>A pair whose clean side is digitally silent (PESQ finds no utterance) and noisy side is speech.</summary>
    public static ClipPair Silent(int index, double seconds)
    {
        var pair = Pair(index, seconds);
        return pair with { Name = "silent" + index, Clean = new float[pair.Length] };
    }
}
