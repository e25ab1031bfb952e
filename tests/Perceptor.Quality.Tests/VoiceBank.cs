using System.Globalization;
using Perceptor.Audio;
using Perceptor.Tests;

namespace Perceptor.Quality.Tests;

/// <summary>The 25 VoiceBank+DEMAND test pairs and their published metrics (see voicebank-samples/README.md).</summary>
internal static class VoiceBank
{
    public sealed record Published(string Name, double Pesq, double Csig, double Cbak, double Covl, double Ssnr, double Stoi);

    private static readonly Lazy<IReadOnlyList<Published>> Rows = new(Load);

    public static string Folder => TestData.Path("voicebank-samples");

    public static IReadOnlyList<Published> PublishedMetrics => Rows.Value;

    public static AudioSignal Clean(string name) => WavFile.Read(Path.Combine(Folder, "clean", name + ".wav"));

    public static AudioSignal Noisy(string name) => WavFile.Read(Path.Combine(Folder, "noisy", name + ".wav"));

    /// <summary>Samples in [−1, 1] as doubles at 16-bit integer scale, the scale of the reference composite measures.</summary>
    public static double[] AtIntegerScale(AudioSignal s)
    {
        var d = new double[s.Length];
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = s.Samples[i] * 32768.0;
        }

        return d;
    }

    private static IReadOnlyList<Published> Load()
    {
        string path = Path.Combine(Folder, "published_metrics.csv");
        var lines = File.ReadAllLines(path);
        Assert.Equal("name,pesq_wb,csig,cbak,covl,ssnr,stoi", lines[0]);
        var rows = new List<Published>();
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var p = line.Split(',');
            double D(int i) => double.Parse(p[i], CultureInfo.InvariantCulture);
            rows.Add(new Published(p[0], D(1), D(2), D(3), D(4), D(5), D(6)));
        }

        Assert.Equal(25, rows.Count);
        return rows;
    }
}
