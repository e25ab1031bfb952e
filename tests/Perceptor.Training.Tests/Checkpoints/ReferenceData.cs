using System.Text.Json;
using Perceptor.Audio;
using Perceptor.Tests;

namespace Perceptor.Training.Tests.Checkpoints;

/// <summary>
/// The PyTorch CMGAN checkpoints and the outputs the authors' modules computed with them
/// (<c>shared/data/pytorch-cmgan</c>; its README gives provenance and the tolerances that hold).
/// </summary>
internal static class ReferenceData
{
    public static string File(params string[] parts) => TestData.Path(["pytorch-cmgan", .. parts]);

    public static string Generator => File("generator_seed0.pt");

    public static string Discriminator => File("discriminator_seed0.pt");

    public static float[] Noisy(string name) => WavFile.Read(TestData.Path("voicebank-samples", "noisy", name)).Samples;

    public static float[] Clean(string name) => WavFile.Read(TestData.Path("voicebank-samples", "clean", name)).Samples;

    public static JsonElement Expected()
    {
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(File("expected.json")));
        return doc.RootElement.Clone();
    }

    /// <summary>Same type, shape and every element.</summary>
    public static bool Same(TorchSharp.torch.Tensor a, TorchSharp.torch.Tensor b)
    {
        if (a.dtype != b.dtype || !a.shape.SequenceEqual(b.shape))
        {
            return false;
        }

        using var eq = a.eq(b);
        using var all = eq.all();
        return all.item<bool>();
    }

    /// <summary>‖a − b‖ / ‖b‖ and max |a − b|.</summary>
    public static (double RelL2, double MaxAbs) Compare(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double diff = 0, norm = 0, max = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = (double)actual[i] - expected[i];
            diff += d * d;
            norm += (double)expected[i] * expected[i];
            max = Math.Max(max, Math.Abs(d));
        }

        return (Math.Sqrt(diff / norm), max);
    }
}
